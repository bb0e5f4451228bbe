# Endpoints, names and DNS records to use or to add by hand

output "ses_domain_corp_example_dns_records" {
  description = "DNS records to add at GoDaddy for SES domain `corp.example` (name, type, value)"
  value = {
    dkim          = [for token in aws_sesv2_email_identity.corp_example.dkim_signing_attributes[0].tokens : "${token}._domainkey.corp.example CNAME ${token}.dkim.amazonses.com"]
    spf           = "corp.example TXT \"v=spf1 include:amazonses.com ~all\""
    dmarc         = "_dmarc.corp.example TXT \"v=DMARC1; p=quarantine\""
    mail_from_mx  = "bounce.corp.example MX 10 feedback-smtp.us-east-1.amazonses.com"
    mail_from_spf = "bounce.corp.example TXT \"v=spf1 include:amazonses.com ~all\""
  }
}

output "certificate_portal_dns_records" {
  description = "DNS records to add at GoDaddy for the validation of certificate `portal` (name, type, value)"
  value = {
    validation = [for o in aws_acm_certificate.portal.domain_validation_options : "${o.resource_record_name} ${o.resource_record_type} ${o.resource_record_value}"]
  }
}

output "dns_record_portal_dns_records" {
  description = "DNS records to add at GoDaddy for dns_record `portal` (name, type, value)"
  value = {
    portal = "portal.corp.example CNAME portal.example.net"
  }
}
