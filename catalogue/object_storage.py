"""Private uploads in S3-compatible object storage (production with PRIVATE_MEDIA_S3_BUCKET).

A module of its own so that boto3 is imported only where a bucket is used.
"""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """A private bucket (or folder) whose files never get an address.

    Like catalogue.uploads.PrivateStorage on disk, `url()` raises: a template
    that tries to link a private file fails loudly instead of printing a
    signed link that anyone holding it could open. The files leave only
    through catalogue.file_views, after its permission check.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no URL: serve them through catalogue.file_views.")
