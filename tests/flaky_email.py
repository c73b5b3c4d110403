"""An email backend whose connection drops on its first send, as a mail server's can.

For the worker tests: the first attempt of each run raises what smtplib
raises when the server hangs up; later ones write the message to a file
like Django's file-based backend. The count is kept in a file beside the
emails, since each attempt may run in another worker process.
"""

import smtplib
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.filebased import EmailBackend


class DropsFirstConnectionBackend(EmailBackend):
    def send_messages(self, email_messages):
        attempts = Path(settings.EMAIL_FILE_PATH).parent / "smtp-attempts"
        count = int(attempts.read_text()) if attempts.exists() else 0
        attempts.write_text(str(count + 1))
        if count == 0:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)
