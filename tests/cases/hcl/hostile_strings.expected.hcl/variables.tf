# Inputs: the topology's params, and values it leaves to whoever applies it

variable "motd" {
  type        = string
  description = "a default with quotes, a backslash and a literal template sequence"
  default     = "Hello \"world\" \\ $${nothing}"
}
