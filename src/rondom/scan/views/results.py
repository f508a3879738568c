"""Not built yet: every address here answers 404 until its views land."""

from django.http import Http404


def results(request, *args, **kwargs):
    raise Http404


def results_csv(request, *args, **kwargs):
    raise Http404


def results_pdf(request, *args, **kwargs):
    raise Http404


def remarks(request, *args, **kwargs):
    raise Http404


def remark_hide(request, *args, **kwargs):
    raise Http404
