"""The certificate scan, one view for the two places that link to it (the vendor's and the mentor's)."""

from marketplace.private_files import PrivateFileView
from shops.permissions import can_see_certificate_scan

from .models import OcopCertificate


class CertificateScanView(PrivateFileView):
    """The scan, to the shop's members, the mentors of its province and union staff; 404 to anyone else."""

    def get_file(self, request, pk: int):
        certificate = OcopCertificate.objects.select_related("shop").filter(pk=pk).first()
        if certificate is None or not can_see_certificate_scan(request.user, certificate.shop):
            return None
        return certificate.scan
