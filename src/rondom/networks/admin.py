from django.contrib import admin

from .models import Network, NetworkMember, NetworkRole


class MemberInline(admin.TabularInline):
    model = NetworkMember
    extra = 1
    readonly_fields = ["added_by", "added_at"]


class RoleInline(admin.TabularInline):
    model = NetworkRole
    extra = 1
    raw_id_fields = ["user"]
    readonly_fields = ["added_by", "added_at"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    """Site admins create networks and name their first coordinators; the coordinators then
    manage the members themselves."""

    list_display = ["name", "min_cell", "anonymous_only", "created_at"]
    search_fields = ["name"]
    inlines = [MemberInline, RoleInline]

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            if row.pk is None:
                row.added_by = request.user
            row.save()
        for row in formset.deleted_objects:
            row.delete()
