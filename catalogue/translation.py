"""Vietnamese/English fields for catalogue content (django-modeltranslation).

`title` reads the active language's column (`title_vi` or `title_en`) and
falls back to Vietnamese, so Oscar's templates need no change.
"""

from modeltranslation.translator import TranslationOptions, register

from catalogue.models import Category, CraftVillage, Producer, Product


@register(Product)
class ProductTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(CraftVillage)
class CraftVillageTranslationOptions(TranslationOptions):
    fields = ("name", "crafts")


@register(Producer)
class ProducerTranslationOptions(TranslationOptions):
    # The name is a registered legal name and is not translated.
    fields = ("description",)
