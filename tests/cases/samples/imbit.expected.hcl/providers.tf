# One provider per account. Regional resources outside the provider's region set `region` (AWS provider 6).
# eu-central-1: primary hosting location (seed Regions table: 'Frankfurt | eu-central-1 | The primary hosting location'): VPC, Beanstalk, EC2
# eu-west-1: WorkMail and SES (seed: 'Ireland | eu-west-1 | For WorkMail and Amazon SES (region requiered by AWS)'; WorkMail exists only in us-east-1, us-west-2, eu-west-1)
# us-east-1: ACM certificates used by CloudFront (seed: 'North Virginia | us-east-1 | For CloudFront and Certificate Manager (region requiered by AWS)')

# account `imbit` (default)
provider "aws" {
  region = "eu-central-1"
}

# account `imbit` (default), in eu-west-1 for what depends on the provider's own region (SES SMTP passwords)
provider "aws" {
  alias  = "eu_west_1"
  region = "eu-west-1"
}
