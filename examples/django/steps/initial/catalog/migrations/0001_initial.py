from django.db import migrations, models

PRODUCTS = [
    ("Brass hinge set", "brass-hinge-set", 1250),
    ("Oak dowels (50)", "oak-dowels", 675),
    ("Wood glue", "wood-glue", 890),
]


def add_products(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    for name, slug, price_cents in PRODUCTS:
        Product.objects.create(name=name, slug=slug, price_cents=price_cents)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200)),
                ("slug", models.SlugField(unique=True)),
                ("price_cents", models.PositiveIntegerField()),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.RunPython(add_products, migrations.RunPython.noop),
    ]
