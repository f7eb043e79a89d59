from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    price_cents = models.PositiveIntegerField()
    description = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def price(self):
        return f"${self.price_cents // 100}.{self.price_cents % 100:02d}"
