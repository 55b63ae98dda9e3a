var_file = "extra.tfvars"
cli_over_file = "extra.tfvars"
typed_list = [1, "2", 3]
