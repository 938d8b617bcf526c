from django.conf import settings


def site(request):
    """Site identity every template needs (name, canonical base URL)."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
