# One provider per account. Regional resources outside the provider's region set `region` (AWS provider 6).
# eu-west-1: SES in Ireland
# us-east-1: CloudFront reads its certificates from us-east-1

provider "aws" {
  region = "eu-central-1"
}
