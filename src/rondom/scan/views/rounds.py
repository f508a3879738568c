"""Not built yet: every address here answers 404 until its views land."""

from django.http import Http404


def round_list(request, *args, **kwargs):
    raise Http404


def round_new(request, *args, **kwargs):
    raise Http404


def own_statements(request, *args, **kwargs):
    raise Http404


def round_detail(request, *args, **kwargs):
    raise Http404


def invite(request, *args, **kwargs):
    raise Http404
