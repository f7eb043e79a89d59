import os

from django.http import JsonResponse
from django.shortcuts import render

from .models import Product


def product_list(request):
    return render(request, "catalog/product_list.html", {"products": Product.objects.all()})


def health(request):
    return JsonResponse({"status": "ok", "release": os.environ.get("HEROKU_RELEASE_VERSION")})
