"""Make the search vocabulary exactly the words of today's products.

Saving a product adds its words; nothing removes the words of renamed or
deleted products, and loads that bypass `Product.save` (SQL, bulk_create)
add none. Run it after such a load, or now and then; searches work either way.
"""

from django.core.management.base import BaseCommand

from catalogue.models import SearchWord


class Command(BaseCommand):
    help = "Rebuild the vocabulary that search corrects typos towards."

    def handle(self, *args, **options):
        size = SearchWord.rebuild()
        self.stdout.write(f"{size} words")
