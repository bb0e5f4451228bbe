# IAM users, groups, roles, policies and access keys

resource "aws_iam_role" "aws_elasticbeanstalk_service_role" {
  name        = "aws-elasticbeanstalk-service-role"
  description = "Elastic Beanstalk service role used by every IMBIT environment"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = ["elasticbeanstalk.amazonaws.com"]
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "aws_elasticbeanstalk_service_role_awselasticbeanstalkenhancedhealth" {
  role       = aws_iam_role.aws_elasticbeanstalk_service_role.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth"
}

resource "aws_iam_role_policy_attachment" "aws_elasticbeanstalk_service_role_awselasticbeanstalkmanagedupdatescustomerrolepolicy" {
  role       = aws_iam_role.aws_elasticbeanstalk_service_role.name
  policy_arn = "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy"
}

resource "aws_iam_role" "aws_elasticbeanstalk_ec2_role" {
  name        = "aws-elasticbeanstalk-ec2-role"
  description = "role of the EC2 instances of every IMBIT Beanstalk environment"
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

resource "aws_iam_role_policy_attachment" "aws_elasticbeanstalk_ec2_role_awselasticbeanstalkwebtier" {
  role       = aws_iam_role.aws_elasticbeanstalk_ec2_role.name
  policy_arn = "arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier"
}

resource "aws_iam_role_policy_attachment" "aws_elasticbeanstalk_ec2_role_awselasticbeanstalkworkertier" {
  role       = aws_iam_role.aws_elasticbeanstalk_ec2_role.name
  policy_arn = "arn:aws:iam::aws:policy/AWSElasticBeanstalkWorkerTier"
}

resource "aws_iam_role_policy_attachment" "aws_elasticbeanstalk_ec2_role_awselasticbeanstalkmulticontainerdocker" {
  role       = aws_iam_role.aws_elasticbeanstalk_ec2_role.name
  policy_arn = "arn:aws:iam::aws:policy/AWSElasticBeanstalkMulticontainerDocker"
}

resource "aws_iam_instance_profile" "aws_elasticbeanstalk_ec2_role" {
  name = "aws-elasticbeanstalk-ec2-role"
  role = aws_iam_role.aws_elasticbeanstalk_ec2_role.name
}

resource "aws_iam_user" "mail_sending" {
  name = var.smtp_user_name
}

resource "aws_iam_user" "github_workflow" {
  name = var.github_user_name
}

resource "aws_iam_user_policy_attachment" "github_workflow_administratoraccess_awselasticbeanstalk" {
  user       = aws_iam_user.github_workflow.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk"
}

resource "aws_iam_access_key" "github_workflow" {
  user = aws_iam_user.github_workflow.name
}
