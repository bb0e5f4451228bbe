# IAM users, groups, roles, policies and access keys

resource "aws_iam_policy" "backup" {
  name = "ocp-redmine-backup"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = [aws_s3_bucket.backup.arn]
      },
      {
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]
        Resource = ["arn:aws:s3:::ocp-redmine-backup/*"]
      },
    ]
  })
}

resource "aws_iam_user" "backup" {
  name = "ocp-redmine-backup"
}

resource "aws_iam_user_policy_attachment" "backup_backup" {
  user       = aws_iam_user.backup.name
  policy_arn = aws_iam_policy.backup.arn
}

resource "aws_iam_access_key" "backup" {
  user = aws_iam_user.backup.name
}
