"""Portal pages, under the language prefix (the participant's own language).

No address carries personal data: only the invitation token (which leads at
once to an address without it) and item numbers, which are useless to anyone
but the participant they belong to.
"""

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("i/<str:token>/", views.open_invitation, name="open"),
    path("photos/new/", views.add_photos, name="add_photos"),
    path("recordings/new/", views.add_recording, name="add_recording"),
    path("items/<str:kind>/<int:pk>/uses/", views.item_consent, name="item_consent"),
    path("items/<str:kind>/<int:pk>/withdraw/", views.withdraw_item, name="withdraw_item"),
    path("withdraw/", views.withdraw_all, name="withdraw_all"),
    path("erasure/", views.request_erasure, name="erasure"),
    path("copy/", views.download_copy, name="download"),
    path("sign-out/", views.sign_out_view, name="sign_out"),
]
