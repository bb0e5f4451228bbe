# SES identities, DNS records for mail, receipt rules and SMTP credentials

resource "aws_sesv2_email_identity" "acme_example" {
  region = "eu-west-1"

  email_identity = "acme.example"
}

resource "aws_route53_record" "acme_example_dkim" {
  count = 3

  zone_id = aws_route53_zone.main.zone_id
  name    = "${element(aws_sesv2_email_identity.acme_example.dkim_signing_attributes[0].tokens, count.index)}._domainkey.acme.example"
  type    = "CNAME"
  ttl     = 1800
  records = [
    "${element(aws_sesv2_email_identity.acme_example.dkim_signing_attributes[0].tokens, count.index)}.dkim.amazonses.com",
  ]
}

resource "aws_route53_record" "acme_example_dmarc" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "_dmarc.acme.example"
  type    = "TXT"
  ttl     = 1800
  records = ["v=DMARC1; p=none"]
}
