# IAM users, groups, roles, policies and access keys

resource "aws_iam_group" "orgadmin" {
  provider = aws.vueorg

  name = "OrgAdmin"
}

resource "aws_iam_group_policy" "orgadmin_assume_roles" {
  provider = aws.vueorg

  name  = "assume-roles"
  group = aws_iam_group.orgadmin.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Resource = [
          aws_iam_role.vueorg_vueusers.arn,
          aws_iam_role.vueorg_vueback.arn,
          aws_iam_role.vueorg_vueops.arn,
          aws_iam_role.vueorg_vueprod.arn,
          aws_iam_role.vueorg_vuedev.arn,
          aws_iam_role.vueorg_vuetest.arn,
        ]
      },
    ]
  })
}

resource "aws_iam_role" "vueorg_vueusers" {
  provider = aws.vueusers

  name        = "VueOrg"
  description = "managed by the vueorg root account; sets up vueusers"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueorg_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueorg_vueusers_administratoraccess" {
  provider = aws.vueusers

  role       = aws_iam_role.vueorg_vueusers.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group" "vueadmin" {
  provider = aws.vueusers

  name = "VueAdmin"
}

resource "aws_iam_group_policy" "vueadmin_assume_roles" {
  provider = aws.vueusers

  name  = "assume-roles"
  group = aws_iam_group.vueadmin.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Resource = [
          aws_iam_role.vueadmin_vueops.arn,
          aws_iam_role.vueadmin_vueprod.arn,
          aws_iam_role.vueadmin_vuedev.arn,
          aws_iam_role.vueadmin_vuetest.arn,
        ]
      },
    ]
  })
}

resource "aws_iam_group" "vueprod" {
  provider = aws.vueusers

  name = "VueProd"
}

resource "aws_iam_group_policy" "vueprod_assume_roles" {
  provider = aws.vueusers

  name  = "assume-roles"
  group = aws_iam_group.vueprod.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "sts:AssumeRole"
        Resource = [aws_iam_role.vueprod.arn]
      },
    ]
  })
}

resource "aws_iam_group" "vuedev" {
  provider = aws.vueusers

  name = "VueDev"
}

resource "aws_iam_group_policy" "vuedev_assume_roles" {
  provider = aws.vueusers

  name  = "assume-roles"
  group = aws_iam_group.vuedev.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Resource = [
          aws_iam_role.vuedev_vuedev.arn,
          aws_iam_role.vuedev_vuetest.arn,
          aws_iam_role.vuedev_vueprod.arn,
        ]
      },
    ]
  })
}

resource "aws_iam_group" "vueread" {
  provider = aws.vueusers

  name = "VueRead"
}

resource "aws_iam_group_policy" "vueread_assume_roles" {
  provider = aws.vueusers

  name  = "assume-roles"
  group = aws_iam_group.vueread.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Resource = [
          aws_iam_role.vueread_vueops.arn,
          aws_iam_role.vueread_vueprod.arn,
          aws_iam_role.vueread_vuedev.arn,
          aws_iam_role.vueread_vuetest.arn,
        ]
      },
    ]
  })
}

resource "aws_iam_user" "mpf" {
  provider = aws.vueusers

  name = "mpf"
}

resource "aws_iam_access_key" "mpf" {
  provider = aws.vueusers

  user = aws_iam_user.mpf.name
}

resource "aws_iam_role" "vueorg_vueback" {
  provider = aws.vueback

  name        = "VueOrg"
  description = "managed by the vueorg root account"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueorg_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueorg_vueback_administratoraccess" {
  provider = aws.vueback

  role       = aws_iam_role.vueorg_vueback.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user" "backup" {
  provider = aws.vueback

  name = "backup"
}

resource "aws_iam_role" "vueorg_vueops" {
  provider = aws.vueops

  name        = "VueOrg"
  description = "managed by the vueorg root account"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueorg_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueorg_vueops_administratoraccess" {
  provider = aws.vueops

  role       = aws_iam_role.vueorg_vueops.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vueadmin_vueops" {
  provider = aws.vueops

  name        = "VueAdmin"
  description = "full admin (seed: 'Full admin access for most accounts')"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueadmin_vueops_administratoraccess" {
  provider = aws.vueops

  role       = aws_iam_role.vueadmin_vueops.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vueread_vueops" {
  provider = aws.vueops

  name        = "VueRead"
  description = "read-only (seed: 'Read-only for all accounts where made available')"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueread_vueops_readonlyaccess" {
  provider = aws.vueops

  role       = aws_iam_role.vueread_vueops.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "vueorg_vueprod" {
  name        = "VueOrg"
  description = "managed by the vueorg root account"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueorg_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueorg_vueprod_administratoraccess" {
  role       = aws_iam_role.vueorg_vueprod.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vueadmin_vueprod" {
  name        = "VueAdmin"
  description = "full admin (seed: 'Full admin access for most accounts')"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueadmin_vueprod_administratoraccess" {
  role       = aws_iam_role.vueadmin_vueprod.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vueprod" {
  name        = "VueProd"
  description = "deployment (seed: 'Necessary permissions for deployment')"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueprod_vueproddeploy" {
  role       = aws_iam_role.vueprod.name
  policy_arn = aws_iam_policy.vueproddeploy.arn
}

resource "aws_iam_role" "vuedev_vueprod" {
  name        = "VueDev"
  description = "read-only on production (seed: 'Full admin on dev accounts, read-only on production')"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vuedev_vueprod_readonlyaccess" {
  role       = aws_iam_role.vuedev_vueprod.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "vueread_vueprod" {
  name        = "VueRead"
  description = "read-only (seed: 'Read-only for all accounts where made available')"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueread_vueprod_readonlyaccess" {
  role       = aws_iam_role.vueread_vueprod.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "vueorg_vuedev" {
  provider = aws.vuedev

  name        = "VueOrg"
  description = "managed by the vueorg root account"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueorg_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueorg_vuedev_administratoraccess" {
  provider = aws.vuedev

  role       = aws_iam_role.vueorg_vuedev.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vueadmin_vuedev" {
  provider = aws.vuedev

  name        = "VueAdmin"
  description = "full admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueadmin_vuedev_administratoraccess" {
  provider = aws.vuedev

  role       = aws_iam_role.vueadmin_vuedev.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vuedev_vuedev" {
  provider = aws.vuedev

  name        = "VueDev"
  description = "full admin on dev accounts (seed)"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vuedev_vuedev_administratoraccess" {
  provider = aws.vuedev

  role       = aws_iam_role.vuedev_vuedev.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vueread_vuedev" {
  provider = aws.vuedev

  name        = "VueRead"
  description = "read-only"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueread_vuedev_readonlyaccess" {
  provider = aws.vuedev

  role       = aws_iam_role.vueread_vuedev.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "vueorg_vuetest" {
  provider = aws.vuetest

  name        = "VueOrg"
  description = "managed by the vueorg root account"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueorg_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueorg_vuetest_administratoraccess" {
  provider = aws.vuetest

  role       = aws_iam_role.vueorg_vuetest.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vueadmin_vuetest" {
  provider = aws.vuetest

  name        = "VueAdmin"
  description = "full admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueadmin_vuetest_administratoraccess" {
  provider = aws.vuetest

  role       = aws_iam_role.vueadmin_vuetest.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vuedev_vuetest" {
  provider = aws.vuetest

  name        = "VueDev"
  description = "full admin on dev accounts (seed)"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vuedev_vuetest_administratoraccess" {
  provider = aws.vuetest

  role       = aws_iam_role.vuedev_vuetest.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "vueread_vuetest" {
  provider = aws.vuetest

  name        = "VueRead"
  description = "read-only"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${var.vueusers_account_id}:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vueread_vuetest_readonlyaccess" {
  provider = aws.vuetest

  role       = aws_iam_role.vueread_vuetest.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy" "vueproddeploy" {
  name        = "VueProdDeploy"
  description = "MPF deployment: launch templates, autoscaling groups, target groups, S3 uploads"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "Compute"
        Effect = "Allow"
        Action = [
          "ec2:Describe*",
          "ec2:CreateLaunchTemplateVersion",
          "ec2:ModifyLaunchTemplate",
          "ec2:RunInstances",
          "ec2:CreateTags",
          "autoscaling:*",
        ]
        Resource = ["*"]
      },
      {
        Sid    = "LoadBalancing"
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:Describe*",
          "elasticloadbalancing:RegisterTargets",
          "elasticloadbalancing:DeregisterTargets",
        ]
        Resource = ["*"]
      },
      {
        Sid      = "Buckets"
        Effect   = "Allow"
        Action   = ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
        Resource = ["*"]
      },
      {
        Sid      = "PassServerRole"
        Effect   = "Allow"
        Action   = ["iam:PassRole"]
        Resource = [aws_iam_role.mpfserver.arn]
      },
    ]
  })
}

resource "aws_iam_policy" "mpfserver" {
  name        = "MpfServer"
  description = "broad MPF server permissions (FUTURE SECURE: tighten)"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Storage"
        Effect   = "Allow"
        Action   = ["s3:*"]
        Resource = ["*"]
      },
      {
        Sid      = "Fleet"
        Effect   = "Allow"
        Action   = ["ec2:Describe*", "autoscaling:*", "elasticloadbalancing:*"]
        Resource = ["*"]
      },
      {
        Sid      = "MailAndSecrets"
        Effect   = "Allow"
        Action   = ["ses:*", "secretsmanager:GetSecretValue", "cloudfront:CreateInvalidation"]
        Resource = ["*"]
      },
    ]
  })
}

resource "aws_iam_role" "mpfserver" {
  name        = "MpfServer"
  description = "role of MPF EC2 servers"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = ["ec2.amazonaws.com"]
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "mpfserver_mpfserver" {
  role       = aws_iam_role.mpfserver.name
  policy_arn = aws_iam_policy.mpfserver.arn
}

resource "aws_iam_instance_profile" "mpfserver" {
  name = "MpfServer"
  role = aws_iam_role.mpfserver.name
}

resource "aws_iam_user_group_membership" "mpf" {
  provider = aws.vueusers

  user   = aws_iam_user.mpf.name
  groups = [aws_iam_group.vueprod.name]
}
