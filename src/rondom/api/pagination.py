from rest_framework.pagination import LimitOffsetPagination
from rest_framework.utils.urls import replace_query_param

# Beyond this an offset can only be a mistake; PostgreSQL would refuse it as out of range.
MAX_OFFSET = 10**9
# Counting every card a site admin may see means reading hundreds of thousands of rows on
# each page. Up to this many the count is exact; beyond it `count` is null, and `next` still
# says whether there is more.
COUNT_UP_TO = 10_000


class Pagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 500
    template = None  # no page numbers in the browsable API: they would need the full count

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), MAX_OFFSET)

    def paginate_queryset(self, queryset, request, view=None) -> list | None:
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.offset = self.get_offset(request)
        # One row more than asked for tells whether a next page exists, without a count.
        rows = list(queryset[self.offset : self.offset + self.limit + 1])
        self.has_more = len(rows) > self.limit
        rows = rows[: self.limit]
        if not self.has_more and (rows or self.offset == 0):
            self.count = self.offset + len(rows)
        else:
            counted = queryset.order_by()[: COUNT_UP_TO + 1].count()
            self.count = counted if counted <= COUNT_UP_TO else None
        return rows

    def get_next_link(self) -> str | None:
        if not self.has_more:
            return None
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, self.limit_query_param, self.limit)
        return replace_query_param(url, self.offset_query_param, self.offset + self.limit)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"] = {
            "type": "integer",
            "nullable": True,
            "example": 123,
            "description": f"The number of results; null when there are more than {COUNT_UP_TO}.",
        }
        return response
