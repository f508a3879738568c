"""Responses that may hold case data are never kept by a browser or a proxy; static files."""

from pathlib import Path

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware

API_PREFIX = "/api/"


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a logged-in person and every API answer.

    Static files are left alone: they hold no case data and are meant to be cached. API
    requests count whoever sends them, because a token is only read inside the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.static_prefix):
            return response
        private = request.path.startswith(API_PREFIX) or request.user.is_authenticated
        if private and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, which first makes STATIC_ROOT when the app starts.

    WhiteNoise reads STATIC_ROOT once, at the start, and warns when the folder is missing,
    which it is until `rondom collectstatic` has run. Until then the app's own files are served
    from their source folders (WHITENOISE_USE_FINDERS).
    """

    def __init__(self, get_response=None):
        if settings.STATIC_ROOT:
            Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        super().__init__(get_response)
