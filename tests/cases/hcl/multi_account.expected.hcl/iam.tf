# IAM users, groups, roles, policies and access keys

resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_group_policy" "admins_assume_roles" {
  name  = "assume-roles"
  group = aws_iam_group.admins.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "sts:AssumeRole"
        Resource = [aws_iam_role.admin_prod.arn]
      },
    ]
  })
}

resource "aws_iam_role" "admin_prod" {
  provider = aws.prod

  name = "admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::222222222222:root"
        }
        Action = "sts:AssumeRole"
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "true"
          }
        }
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "admin_prod_readonlyaccess" {
  provider = aws.prod

  role       = aws_iam_role.admin_prod.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "admin_sandbox" {
  provider = aws.sandbox

  name = "admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::222222222222:root"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "admin_sandbox_readonlyaccess" {
  provider = aws.sandbox

  role       = aws_iam_role.admin_sandbox.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
