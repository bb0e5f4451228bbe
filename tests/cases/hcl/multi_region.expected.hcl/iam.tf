# IAM users, groups, roles, policies and access keys

resource "aws_iam_user" "deployer" {
  name = "deployer"
}

resource "aws_iam_user_policy_attachment" "deployer_cloudfrontfullaccess" {
  user       = aws_iam_user.deployer.name
  policy_arn = "arn:aws:iam::aws:policy/CloudFrontFullAccess"
}
