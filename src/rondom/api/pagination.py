from rest_framework.pagination import LimitOffsetPagination

# Beyond this an offset can only be a mistake; PostgreSQL would refuse it as out of range.
MAX_OFFSET = 10**9


class Pagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 500

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), MAX_OFFSET)
