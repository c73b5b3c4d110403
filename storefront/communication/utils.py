"""Oscar's Dispatcher, except that emails carrying a secret are never stored.

Oscar keeps a copy of every email sent to an account in `communication_email`
(OSCAR_SAVE_SENT_EMAILS_TO_DB), shown in the Django admin and the customer's
email history. A password-reset email holds a live link that signs in as the
account: a copy in the database is a second way in for anyone who can read
that table. Every Oscar email to an account passes through
`Dispatcher.send_user_email_messages`, whoever triggers it (the reset page,
the dashboard's "send password reset"), so the rule lives here: such emails
are sent and not stored; order emails and the rest keep their history.
"""

from oscar.apps.communication.utils import Dispatcher as OscarDispatcher

# Communication event codes whose emails contain a link that acts for the account.
SECRET_EVENT_CODES = frozenset({"PASSWORD_RESET"})
_EVENT_CODE = "event_code"


class Dispatcher(OscarDispatcher):
    def get_messages(self, event_code, extra_context=None):
        messages = super().get_messages(event_code, extra_context)
        messages[_EVENT_CODE] = event_code
        return messages

    def create_email(self, user, messages, email):
        if messages.get(_EVENT_CODE) in SECRET_EVENT_CODES:
            return None
        return super().create_email(user, messages, email)
