"""OCOP pages in Oscar's dashboard for programme officers (staff users).

Verify producers, record and revoke certificates, approve producer
submissions. Linked from the dashboard menu (OSCAR_DASHBOARD_NAVIGATION).
"""

import difflib
import re
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView, View

from catalogue import selectors, services
from catalogue.access import staff_only
from catalogue.forms import CertificateForm, ProducerForm, ReviewSubmissionForm
from catalogue.models import (
    OCOP_MIN_STARS,
    LegalForm,
    OcopCertificate,
    Producer,
    Product,
    ProductGroup,
    ProductSubmission,
    ProgrammeTargets,
)
from storefront import charts
from storefront.experiences import hosting


class StaffOnly(UserPassesTestMixin):
    def test_func(self):
        return staff_only(self.request.user)


class OverviewView(StaffOnly, TemplateView):
    """The programme at a glance, and what waits for an officer."""

    template_name = "catalogue/dashboard/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        in_force = selectors.certificates_in_force(today)
        rated = (
            selectors.with_current_rating(Product.objects.filter(is_public=True))
            .values("ocop_stars")
            .annotate(n=Count("id"))
            .order_by()  # Product's default ordering would split the groups
        )
        by_stars = {row["ocop_stars"]: row["n"] for row in rated}
        total = sum(by_stars.values())
        ocop = sum(n for stars, n in by_stars.items() if stars and stars >= OCOP_MIN_STARS)
        context.update(
            by_stars=[(s, by_stars.get(s, 0)) for s in (5, 4, 3)],
            products_total=total,
            products_ocop=ocop,
            ocop_share=round(100 * ocop / total) if total else 0,
            producers_by_form=Producer.objects.filter(status=Producer.Status.VERIFIED)
            .values("legal_form")
            .annotate(n=Count("id"))
            .order_by("legal_form"),
            legal_forms=dict(LegalForm.choices),
            expiring={
                days: in_force.filter(expiry_date__lte=today + timedelta(days=days)).count()
                for days in (30, 60, 90)
            },
            pending_producers=Producer.objects.filter(status=Producer.Status.PENDING),
            pending_submissions=ProductSubmission.objects.filter(
                state=ProductSubmission.State.PENDING
            ).count(),
            expiring_soon=selectors.expiring_certificates(today=today)[:20],
            progress=services.programme_progress(today),
            by_group=self._ocop_products_by_group(in_force),
            # Cultural tourism: people who came to each craft village (one query).
            visitors=hosting.visitors_by_village(today=today),
        )
        context["charts"] = self._charts(context, today)
        return context

    @staticmethod
    def _charts(context, today) -> list[charts.Chart]:
        """The overview's figures as pictures; one query more (expiry by month)."""
        by_group = context["by_group"]
        stars = [
            charts.Series(f"{n}★", [counts[i] for _label, counts in by_group])
            for i, n in enumerate((3, 4, 5))
        ]
        months = selectors.expiring_by_month(today=today)
        progress = context["progress"]
        return [
            charts.bar_chart(
                title=_("OCOP products by group and star level"),
                description=_(
                    "Products with a 3★ or better certificate in force in each product group, "
                    "stacked by star level: %(total)d in all."
                )
                % {"total": sum(sum(counts) for _label, counts in by_group)},
                categories=[str(label) for label, _counts in by_group],
                category_label=_("Product group"),
                series=stars,
            ),
            charts.column_chart(
                title=_("Certificates expiring by month, next 12 months"),
                description=_(
                    "Certificates in force that expire in each of the next twelve months: "
                    "%(total)d in all; the most in one month: %(most)d."
                )
                % {"total": sum(n for _month, n in months), "most": max(n for _month, n in months)},
                categories=[date_format(month, "m/Y") for month, _n in months],
                category_label=_("Month"),
                series=[charts.Series(_("Certificates"), [n for _month, n in months])],
            ),
            charts.bar_chart(
                title=_("Progress against the province's targets"),
                description=_(
                    "Each bar is where the programme stands today, the dark mark its target: "
                    "%(list)s."
                )
                % {
                    "list": "; ".join(
                        f"{m.label} {m.value}{m.unit} / {m.target}{m.unit}" for m in progress
                    )
                },
                categories=[f"{m.label} ({m.unit})" if m.unit else str(m.label) for m in progress],
                category_label=_("Measure"),
                series=[charts.Series(_("Now"), [m.value for m in progress])],
                targets=[m.target for m in progress],
                target_label=_("Target"),
            ),
            OverviewView._visitors_chart(context["visitors"]),
        ]

    @staticmethod
    def _visitors_chart(visitors) -> charts.Chart:
        months = visitors["months"]
        villages = visitors["villages"]
        visited = [sum(v["visited"][i] for v in villages) for i in range(len(months))]
        booked = [sum(v["booked"][i] for v in villages) for i in range(len(months))]
        return charts.column_chart(
            title=_("Experience visitors to craft villages by month"),
            description=_(
                "People checked in at craft village experiences each month, next to the "
                "people booked: %(visited)d checked in and %(booked)d booked over these "
                "%(months)d months."
            )
            % {"visited": sum(visited), "booked": sum(booked), "months": len(months)},
            categories=[date_format(month, "m/Y") for month in months],
            category_label=_("Month"),
            series=[
                charts.Series(_("Checked in"), visited),
                charts.Series(_("Booked"), booked),
            ],
        )

    @staticmethod
    def _ocop_products_by_group(in_force):
        """Rows (group label, 3★, 4★, 5★) of products with a 3★+ certificate in force."""
        counts = {
            (row["product_group"], row["stars"]): row["n"]
            for row in in_force.filter(stars__gte=OCOP_MIN_STARS, product__is_public=True)
            .values("product_group", "stars")
            .annotate(n=Count("product", distinct=True))
            .order_by()
        }
        return [
            (label, [counts.get((group, stars), 0) for stars in (3, 4, 5)])
            for group, label in ProductGroup.choices
        ]


class TargetsView(StaffOnly, UpdateView):
    """Programme staff set the province's targets the overview measures against."""

    model = ProgrammeTargets
    fields = ["five_star_products", "enterprises_and_cooperatives", "stores", "certified_share"]
    template_name = "catalogue/dashboard/form.html"
    success_url = reverse_lazy("ocop:dash:overview")
    extra_context = {"title": gettext_lazy("Programme targets")}

    def get_object(self, queryset=None):
        return ProgrammeTargets.current()

    def form_valid(self, form):
        messages.success(self.request, _("Targets saved."))
        return super().form_valid(form)


class ProducerListView(StaffOnly, ListView):
    template_name = "catalogue/dashboard/producer_list.html"
    context_object_name = "producers"
    paginate_by = 50

    def get_queryset(self):
        queryset = Producer.objects.select_related("craft_village").annotate(
            product_count=Count("products")
        )
        status = self.request.GET.get("status")
        if status in Producer.Status.values:
            queryset = queryset.filter(status=status)
        return queryset.order_by("status", "name")


class ProducerCreateView(StaffOnly, CreateView):
    model = Producer
    form_class = ProducerForm
    template_name = "catalogue/dashboard/form.html"

    success_url = reverse_lazy("ocop:dash:producer-list")
    extra_context = {"title": gettext_lazy("Add a producer")}

    def form_valid(self, form):
        messages.success(self.request, _("Producer saved."))
        return super().form_valid(form)


class ProducerUpdateView(ProducerCreateView, UpdateView):
    extra_context = {"title": gettext_lazy("Edit producer")}


class ProducerStatusView(StaffOnly, View):
    def post(self, request, pk):
        producer = get_object_or_404(Producer, pk=pk)
        services.set_producer_status(producer=producer, status=request.POST.get("status", ""))
        messages.success(
            request,
            _("%(name)s is now: %(status)s")
            % {"name": producer.name, "status": producer.get_status_display()},
        )
        return redirect("ocop:dash:producer-list")


class CertificateListView(StaffOnly, ListView):
    template_name = "catalogue/dashboard/certificate_list.html"
    context_object_name = "certificates"
    paginate_by = 50

    def get_queryset(self):
        queryset = OcopCertificate.objects.select_related(
            "product", "product__producer"
        ).prefetch_related("renewal_evidence")
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(
                Q(decision_number__icontains=query) | Q(product__upc__iexact=query)
            )
        return queryset.order_by("expiry_date")


class CertificateCreateView(StaffOnly, CreateView):
    model = OcopCertificate
    form_class = CertificateForm
    template_name = "catalogue/dashboard/form.html"
    extra_context = {"title": gettext_lazy("Record an OCOP certificate")}

    def get_initial(self):
        initial = super().get_initial()
        if "product" in self.request.GET:
            initial["product"] = self.request.GET["product"]
        return initial

    def form_valid(self, form):
        self.object = services.record_certificate(certificate=form.instance)
        messages.success(self.request, _("Certificate recorded."))
        return redirect("ocop:dash:certificate-list")


class CertificateRevokeView(StaffOnly, View):
    def post(self, request, pk):
        certificate = get_object_or_404(OcopCertificate, pk=pk)
        services.revoke_certificate(certificate=certificate)
        messages.success(request, _("Certificate revoked."))
        return redirect("ocop:dash:certificate-list")


class SubmissionListView(StaffOnly, ListView):
    template_name = "catalogue/dashboard/submission_list.html"
    context_object_name = "submissions"
    paginate_by = 50

    def get_queryset(self):
        return ProductSubmission.objects.select_related("producer", "product", "category").order_by(
            "state", "-date_created"
        )


def _html_lines(text: str) -> list[str]:
    # One line per element, so a diff of HTML points at the changed paragraph.
    return [line for line in re.split(r"(?<=>)(?=<)|\n", text or "") if line.strip()]


def text_diff(current: str, proposed: str) -> list[tuple[str, str]]:
    """(kind, line) of a line diff; kind is "+", "-" or " ". Lines stay raw text:
    the template escapes them, so staff read the exact markup, not its rendering."""
    rows = []
    for line in difflib.ndiff(_html_lines(current), _html_lines(proposed)):
        if line[:1] in ("+", "-", " "):
            rows.append((line[:1], line[2:]))
    return rows


class SubmissionDetailView(StaffOnly, DetailView):
    """Everything staff approve: the rendered description exactly as the public
    page will show it, and the whole raw text compared with today's."""

    template_name = "catalogue/dashboard/submission_detail.html"
    context_object_name = "submission"
    queryset = ProductSubmission.objects.select_related("producer", "product", "category")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission, product = self.object, self.object.product
        context["diffs"] = [
            (label, text_diff((getattr(product, field) or "") if product else "", proposed or ""))
            for label, field, proposed in (
                (_("Title (Vietnamese)"), "title_vi", submission.title_vi),
                (_("Title (English)"), "title_en", submission.title_en),
                (_("Description (Vietnamese)"), "description_vi", submission.description_vi),
                (_("Description (English)"), "description_en", submission.description_en),
            )
        ]
        context["form"] = ReviewSubmissionForm()
        return context


class SubmissionReviewView(StaffOnly, View):
    def post(self, request, pk):
        submission = get_object_or_404(
            ProductSubmission, pk=pk, state=ProductSubmission.State.PENDING
        )
        form = ReviewSubmissionForm(request.POST)
        if form.is_valid():
            if form.cleaned_data["decision"] == "approve":
                services.approve_submission(submission=submission, by=request.user)
                messages.success(request, _("Approved: the public page now shows the change."))
            else:
                services.reject_submission(
                    submission=submission, by=request.user, note=form.cleaned_data["note"]
                )
                messages.info(request, _("Rejected; the producer sees your note."))
        return redirect("ocop:dash:submission-list")

    def get(self, request, pk):
        return redirect("ocop:dash:submission-detail", pk=pk)
