"""Project-wide models: what we remember about an account beyond Oscar's."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountPreference(models.Model):
    """The language a customer, producer or store manager last used the site in.

    Emails (order confirmation, ready for pickup, certificate expiry…) are
    written in it, whoever triggers them and in whatever language they work.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference"
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("account preference")
        verbose_name_plural = _("account preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"


class OutgoingEmail(models.Model):
    """One email the shop has to send, at most once: the outbox of the task queue.

    Written in the transaction that causes it (an order placed, a pickup made
    ready…), so a rolled-back change leaves no email behind; `key` names what
    the email is about (``order:42:payment/order_placed``) and is unique, so
    queuing it twice, or a task delivered twice, sends it once. Only what is
    needed to build it is kept (`kind`, `params`: ids, a language), never its
    text: some emails carry links that act for an account.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("nothing to send")
        FAILED = "failed", _("failed")

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When the current attempt started (SENDING), or when the next may start (QUEUED).
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    retry_after = models.DateTimeField(_("retry after"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["status", "retry_after"], name="outgoing_email_pending")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
