from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from catalog import views

urlpatterns = [
    path("", views.product_list, name="product-list"),
    path("health", views.health),
    # collectstatic's output, served by the app itself: fine for an example (Heroku apps
    # usually add WhiteNoise for this).
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}),
]
