from django.http import HttpRequest, HttpResponse


def portfolio(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


matter_list = create = certificate_create = detail = step_add = status_set = portfolio
certificate_detail = certificate_document = notice_draft_pdf = portfolio
