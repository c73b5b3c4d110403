"""Product image thumbnails, made by the worker when an image is saved.

sorl-thumbnail makes a thumbnail the first time a template asks for it, so
without this the first visitor of each listing page waits while Pillow
resizes every product picture on it. Each thumbnail is keyed by the image,
the size and the options, so the list below must be exactly what the
templates ask for; tests/catalogue/test_thumbnails.py reads the templates and
fails when one asks for a size that is not here.
"""

from oscar.core.loading import get_model
from oscar.core.thumbnails import get_thumbnailer

from storefront import jobs

ProductImage = get_model("catalogue", "ProductImage")

# (size, options) as the templates write them in {% oscar_thumbnail %}.
TEMPLATE_THUMBNAILS = (
    # product cards: listings, search, home page, store pages
    ("400x400", {"crop": "center", "upscale": False}),
    ("200x200", {"crop": "center", "upscale": False}),
    # product page gallery, and its indicators when there are several images
    ("440x400", {"upscale": False}),
    ("65x55", {"crop": "center"}),
    # review pages
    ("x155", {"upscale": False}),
    # basket, checkout, wishlists
    ("100x100", {"upscale": False}),
    # order confirmation
    ("200x200", {"upscale": False}),
)


def pregenerate(*, image_id: int) -> int:
    """Make every template size of one product image; returns how many sizes.

    Sizes already made are found in sorl's key-value store and skipped, so
    running it again costs a lookup per size. An image deleted since is 0.
    """
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or not image.original:
        return 0
    thumbnailer = get_thumbnailer()
    for size, options in TEMPLATE_THUMBNAILS:
        thumbnailer.generate_thumbnail(image.original, size=size, **options)
    return len(TEMPLATE_THUMBNAILS)


def queue_thumbnails(sender, instance, **kwargs) -> None:
    """post_save of a product image, whoever saves it (dashboard, approvals, demo data)."""
    from catalogue import tasks

    jobs.enqueue_on_commit(tasks.generate_thumbnails, image_id=instance.pk)
