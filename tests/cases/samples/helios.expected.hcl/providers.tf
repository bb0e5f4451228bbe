# One provider per account. Regional resources outside the provider's region set `region` (AWS provider 6).
# us-east-1: SES region of the Django backend (seed: AWS_SES_REGION_NAME = 'us-east-1', endpoint email.us-east-1.amazonaws.com); the instance is kept beside it

# account `helios` (default)
provider "aws" {
  region = "us-east-1"
}
