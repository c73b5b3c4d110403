"""Oscar's account pages where they must say less or ask more.

Routed in storefront/urls.py ahead of Oscar's URLs at the same addresses, so
`{% url 'customer:register' %}` and friends keep working. The rules are in
storefront/accounts.py; these views only show them.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from oscar.apps.checkout.forms import GatewayForm
from oscar.apps.customer import views as oscar_views
from oscar.apps.customer.forms import EmailUserCreationForm
from oscar.apps.customer.signals import user_registered

from storefront import accounts

EMAIL_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"


class RegistrationForm(EmailUserCreationForm):
    """Oscar's form without "A user with that email address already exists"."""

    def clean_email(self):
        from oscar.apps.customer.utils import normalise_email

        return normalise_email(self.cleaned_data["email"])


class CheckoutGatewayForm(GatewayForm):
    """The checkout's first step, without "A user with that email address already exists".

    Oscar refuses a guest or a new customer whose email has an account, which
    tells anyone who types an address whether it shops here. A guest simply
    checks out as a guest (the order is the guest's, emailed to that address);
    a new customer goes on to the registration page, which answers the same
    for every address (storefront/accounts.py). Signing in is unchanged.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Oscar's template shows the password box beside its radio button with
        # no <label>: name it for screen readers (axe: critical "label").
        self.fields["password"].widget.attrs["aria-label"] = _("Password")

    def clean(self):
        if self.is_guest_checkout() or self.is_new_account_checkout():
            self.errors.pop("password", None)
            return self.cleaned_data
        return super().clean()


class _Registers:
    """What both of Oscar's registration forms do once valid."""

    def register(self, form):
        accounts.register_account(
            request=self.request,
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        return redirect("account-check-email")


class RegistrationView(_Registers, oscar_views.AccountRegistrationView):
    form_class = RegistrationForm

    def form_valid(self, form):
        return self.register(form)


class LoginRegistrationView(_Registers, oscar_views.AccountAuthView):
    registration_form_class = RegistrationForm

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            return self.register(form)
        return self.render_to_response(self.get_context_data(registration_form=form))


class CheckEmailView(generic.TemplateView):
    """Where every registration lands, whether or not the address had an account."""

    template_name = "oscar/customer/registration_check_email.html"


class ConfirmForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Password"), strip=False, widget=forms.PasswordInput
    )


class ConfirmAccountView(generic.FormView):
    """GET shows the form (a link scanner opening it changes nothing); POST confirms."""

    template_name = "oscar/customer/registration_confirm.html"
    form_class = ConfirmForm

    def dispatch(self, request, *args, **kwargs):
        self.account = self._account(kwargs["uidb64"])
        self.link_valid = (
            self.account is not None
            and accounts.is_unconfirmed(self.account)
            and accounts.confirmation_tokens.check_token(self.account, kwargs["token"])
        )
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def _account(uidb64: str):
        User = get_user_model()
        try:
            return User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
        except (ValueError, OverflowError, User.DoesNotExist):
            return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(link_valid=self.link_valid, **kwargs)

    def form_valid(self, form):
        if not self.link_valid or not accounts.confirm_account(
            user=self.account, token=self.kwargs["token"], password=form.cleaned_data["password"]
        ):
            form.add_error(
                None,
                _("This password is not the one chosen when registering, or the link is old."),
            )
            return self.form_invalid(form)
        user_registered.send_robust(sender=self, request=self.request, user=self.account)
        auth_login(self.request, self.account, backend=EMAIL_BACKEND)
        messages.success(self.request, _("Your email address is confirmed. Welcome!"))
        return redirect(reverse("customer:summary"))


class LogoutView(oscar_views.LogoutView):
    """Sign out by POST only (with its CSRF token); a GET asks first.

    Oscar signs out on GET, so any page could sign a shopper out with an <img>.
    """

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return generic.TemplateView.as_view(template_name="oscar/customer/logout_confirm.html")(
            request
        )

    def post(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
