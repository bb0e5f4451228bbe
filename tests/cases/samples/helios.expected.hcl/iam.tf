# IAM users, groups, roles, policies and access keys

resource "aws_iam_user" "ses" {
  name = var.ses_user_name
}

resource "aws_iam_user_policy_attachment" "ses_amazonsesfullaccess" {
  user       = aws_iam_user.ses.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSESFullAccess"
}

resource "aws_iam_access_key" "ses" {
  user = aws_iam_user.ses.name
}
