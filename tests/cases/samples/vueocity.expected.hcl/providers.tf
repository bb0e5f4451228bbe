# One provider per account. Regional resources outside the provider's region set `region` (AWS provider 6).
# us-east-1: assumed region of the MPF stack (the seed names none) and the region CloudFront requires for its ACM certificate (seed: 'ACM CERT FOR CF MUST BE REGISTERED IN North Virgina region')

# account `vueprod` (default)
provider "aws" {
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::${var.vueprod_account_id}:role/VueAdmin"
  }
}

# account `vueorg`
provider "aws" {
  alias   = "vueorg"
  region  = "us-east-1"
  profile = "vueorg"
}

# account `vueusers`
provider "aws" {
  alias  = "vueusers"
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::${var.vueusers_account_id}:role/VueOrg"
  }
}

# account `vueback`
provider "aws" {
  alias  = "vueback"
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::${var.vueback_account_id}:role/VueOrg"
  }
}

# account `vueops`
provider "aws" {
  alias  = "vueops"
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::${var.vueops_account_id}:role/VueAdmin"
  }
}

# account `vuedev`
provider "aws" {
  alias  = "vuedev"
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::${var.vuedev_account_id}:role/VueAdmin"
  }
}

# account `vuetest`
provider "aws" {
  alias  = "vuetest"
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::${var.vuetest_account_id}:role/VueAdmin"
  }
}
