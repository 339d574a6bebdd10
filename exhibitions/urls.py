"""Exhibition endpoints outside the language prefix: short links behind QR codes."""

from django.urls import path

from . import views

urlpatterns = [
    path("q/<str:code>.svg", views.qr_image, {"kind": "svg"}, name="short_link_qr_svg"),
    path("q/<str:code>.png", views.qr_image, {"kind": "png"}, name="short_link_qr_png"),
    path("q/<str:code>", views.short_link, name="short_link"),
]
