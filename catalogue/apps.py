import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalogue"

    def ready(self):
        super().ready()
        from django.conf import settings
        from django.core import checks
        from django.db.models.signals import post_save, pre_save
        from PIL import Image
        from wagtail.images import get_image_model
        from wagtail.models import UploadedFile

        from catalogue import richtext, thumbnails, uploads

        checks.register(uploads.check_private_root)
        # A process-wide backstop: whatever opens an image (sorl-thumbnail,
        # Willow) refuses one with more than twice our cap before decoding.
        Image.MAX_IMAGE_PIXELS = settings.OCOP_MAX_IMAGE_PIXELS

        product_image = self.get_model("ProductImage")
        for model in (get_image_model(), product_image, self.get_model("Producer")):
            pre_save.connect(
                uploads.strip_image_metadata, sender=model, dispatch_uid=f"strip-{model._meta}"
            )
        pre_save.connect(
            uploads.strip_uploaded_image_metadata,
            sender=UploadedFile,
            dispatch_uid="strip-uploaded-file",
        )
        # The sizes the templates show are made by the worker, not by the
        # first page view that needs them.
        post_save.connect(
            thumbnails.queue_thumbnails, sender=product_image, dispatch_uid="product-thumbnails"
        )
        # Oscar's dashboard image form is Oscar's; its model field's validators
        # run in every ModelForm (dashboard, Django admin), so the rule is added
        # there rather than by forking the dashboard's forms.
        original = product_image._meta.get_field("original")
        if uploads.validate_product_image not in original.validators:
            original.validators.append(uploads.validate_product_image)
        pre_save.connect(
            richtext.clean_category_description,
            sender=self.get_model("Category"),
            dispatch_uid="clean-category-description",
        )
        # Oscar renders range and offer descriptions with |safe on public pages.
        for name in ("Range", "ConditionalOffer"):
            pre_save.connect(
                richtext.clean_offer_description,
                sender=f"offer.{name}",
                dispatch_uid=f"clean-{name}-description",
            )
