"""Placeholder: the pages are built in the next commits; until then every address is a 404."""

from django.http import Http404


def not_yet(request, *args, **kwargs):
    raise Http404
