"""Exhibition endpoints outside the language prefix: short links behind QR codes."""

urlpatterns: list = []
