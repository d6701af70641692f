# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_akl_global_optspecs
    string join \n json= jq-expression= profile= token= token-file= h/help V/version
end

function __fish_akl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_akl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_akl_using_subcommand
    set -l cmd (__fish_akl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c akl -n "__fish_akl_needs_command" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_needs_command" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_needs_command" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_needs_command" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_needs_command" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_needs_command" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_needs_command" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_needs_command" -f -a "generate-csr" -d 'Generate a certificate signing request (CSR) and, if asked, its key'
complete -c akl -n "__fish_akl_needs_command" -f -a "k8s" -d 'Kubernetes helpers that replace the kubectl, curl and jq one-liners of the docs'
complete -c akl -n "__fish_akl_needs_command" -f -a "auth" -d 'Authenticate (access key or Kubernetes service account) and print a session token'
complete -c akl -n "__fish_akl_needs_command" -f -a "configure" -d 'Write a profile (~/.akeyless/profiles/NAME.toml) with the credentials to use'
complete -c akl -n "__fish_akl_needs_command" -f -a "create-auth-method-k8s" -d 'Create a Kubernetes auth method (deprecated spelling of \'auth-method create k8s\')'
complete -c akl -n "__fish_akl_needs_command" -f -a "update-auth-method-k8s" -d 'Update a Kubernetes auth method (deprecated spelling of \'auth-method update k8s\')'
complete -c akl -n "__fish_akl_needs_command" -f -a "get-auth-method" -d 'Show an auth method (deprecated spelling of \'auth-method get\')'
complete -c akl -n "__fish_akl_needs_command" -f -a "list-auth-methods" -d 'List auth methods (deprecated spelling of \'auth-method list\')'
complete -c akl -n "__fish_akl_needs_command" -f -a "delete-auth-method" -d 'Delete an auth method (deprecated spelling of \'auth-method delete\')'
complete -c akl -n "__fish_akl_needs_command" -f -a "create-auth-method-oauth2" -d 'Create an OAuth2/JWT auth method (deprecated spelling of \'auth-method create oauth2\')'
complete -c akl -n "__fish_akl_needs_command" -f -a "update-auth-method-oauth2" -d 'Update an OAuth2/JWT auth method (deprecated spelling of \'auth-method update oauth2\')'
complete -c akl -n "__fish_akl_needs_command" -f -a "auth-method" -d 'Auth methods: create, update, get, list, delete'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-create-k8s-auth-config" -d 'Create a K8s auth config on the gateway'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-update-k8s-auth-config" -d 'Update a K8s auth config on the gateway'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-get-k8s-auth-config" -d 'Show a K8s auth config of the gateway'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-delete-k8s-auth-config" -d 'Delete a K8s auth config from the gateway'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-list-k8s-auth-configs" -d 'List the gateway\'s K8s auth configs (beyond akeyless)'
complete -c akl -n "__fish_akl_needs_command" -f -a "export-classic-key" -d 'Print a classic key stored on the gateway (PEM), e.g. the key generate-csr made'
complete -c akl -n "__fish_akl_needs_command" -f -a "create-certificate" -d 'Store a certificate and its key on the gateway, with expiration events'
complete -c akl -n "__fish_akl_needs_command" -f -a "get-certificate-value" -d 'Print a certificate stored on the gateway and its key (PEM)'
complete -c akl -n "__fish_akl_needs_command" -f -a "list-items" -d 'List the items (secrets, classic keys, certificates) you may list'
complete -c akl -n "__fish_akl_needs_command" -f -a "delete-item" -d 'Delete an item (secret, classic key or certificate), or one version of it'
complete -c akl -n "__fish_akl_needs_command" -f -a "create-role" -d 'Create an access role'
complete -c akl -n "__fish_akl_needs_command" -f -a "update-role" -d 'Rename a role or change its description'
complete -c akl -n "__fish_akl_needs_command" -f -a "get-role" -d 'Show a role with its rules and auth-method associations'
complete -c akl -n "__fish_akl_needs_command" -f -a "list-roles" -d 'List access roles'
complete -c akl -n "__fish_akl_needs_command" -f -a "delete-role" -d 'Delete an access role'
complete -c akl -n "__fish_akl_needs_command" -f -a "set-role-rule" -d 'Set the capabilities of a role on a path'
complete -c akl -n "__fish_akl_needs_command" -f -a "delete-role-rule" -d 'Remove a rule from a role'
complete -c akl -n "__fish_akl_needs_command" -f -a "assoc-role-am" -d 'Associate a role with an auth method, optionally limited by sub-claims'
complete -c akl -n "__fish_akl_needs_command" -f -a "update-assoc" -d 'Change the sub-claims of a role association'
complete -c akl -n "__fish_akl_needs_command" -f -a "delete-assoc" -d 'Remove a role association'
complete -c akl -n "__fish_akl_needs_command" -f -a "describe-role-am-assoc" -d 'Show a role association'
complete -c akl -n "__fish_akl_needs_command" -f -a "describe-sub-claims" -d 'Show the sub-claims of your own token'
complete -c akl -n "__fish_akl_needs_command" -f -a "create-secret" -d 'Create a static secret'
complete -c akl -n "__fish_akl_needs_command" -f -a "get-secret-value" -d 'Print the value of one or more static secrets'
complete -c akl -n "__fish_akl_needs_command" -f -a "update-secret-val" -d 'Change the value of a static secret'
complete -c akl -n "__fish_akl_needs_command" -f -a "describe-item" -d 'Show an item\'s details (type, tags, versions, …)'
complete -c akl -n "__fish_akl_needs_command" -f -a "update-item" -d 'Change an item\'s description, tags or delete protection'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway" -d 'The embedded gateway'
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s n -l name -d 'Key name: the classic key on the gateway (recorded only in local mode)' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s g -l generate-key -d 'Generate a new key (`--generate-key[=false]`); on the gateway, stored under --name; implied by --key-file' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l alg -d 'Key algorithm: RSA1024, RSA2048, RSA3072, RSA4096, EC256 or EC384 [default: RSA2048]' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l common-name -d 'Common name (CN) of the subject' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l org -d 'Organization (O); repeat or comma-separate for several (Kubernetes groups)' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l dep -d 'Organizational unit (OU); repeatable, comma-separated' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l city -d 'Locality (L)' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l state -d 'State or province (ST)' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l country -d 'Two-letter country code (C)' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l alt-names -d 'DNS subject alternative names, comma-separated' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l email-addresses -d 'Email subject alternative names, comma-separated' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l ip-addresses -d 'IP subject alternative names, comma-separated' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l uri-sans -d 'URI subject alternative names, comma-separated' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l key-usage -d 'Key usages, comma-separated (digitalSignature, keyEncipherment, keyAgreement, …)' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l ext-key-usage -d 'Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, …)' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l critical -d 'Mark the key usage extensions critical (`--critical[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l hash-algorithm -d 'Signature hash: SHA256, SHA384 or SHA512 [default: SHA256; SHA384 for EC384]' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l export-private-key -d 'Also return the private key (`--export-private-key[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l certificate-type -d 'Certificate types, comma-separated: ssl-client, ssl-server, certificate-signing' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l key-file -d 'Generate the key here and write it to PATH (PEM, mode 0600)' -r -F
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l key-in -d 'Sign the request with the existing PEM key in PATH' -r -F
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l key-type -d 'Key type: classic-key (dfc keys are not supported)' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l force -d 'Overwrite an existing --key-file, or (gateway mode, with --generate-key) replace the classic key stored under --name'
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -f -a "ca-cert" -d 'Print the cluster CA as base64, like kubectl\'s certificate-authority-data jsonpath'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -f -a "host" -d 'Print the API server URL of the context'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -f -a "issuer" -d 'Print the service-account issuer (OIDC discovery, or a token\'s iss claim)'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -f -a "jwks" -d 'Print the cluster\'s service-account JWKS base64-encoded, for \'auth-method create oauth2 --jwks-json-data\''
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -f -a "issue-client-cert" -d 'Submit a client-certificate CSR (kubernetes.io/kube-apiserver-client), approve it if asked, print the certificate'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -f -a "setup-token-reviewer" -d 'Create the token-reviewer service account, its system:auth-delegator binding and token Secret; print the token'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -f -a "bind-auth-delegator" -d 'Bind ClusterRole system:auth-delegator to users, groups or service accounts, keeping existing subjects'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer jwks issue-client-cert setup-token-reviewer bind-auth-delegator kubeconfig" -f -a "kubeconfig" -d 'Write a kubeconfig user (certificate, service-account token or OIDC) and context, like kubectl config set-credentials/set-context'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l from-token -d 'Read the issuer from this service-account token file (\'-\' for stdin) instead of asking the API server' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from jwks" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from jwks" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from jwks" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from jwks" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from jwks" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from jwks" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from jwks" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from jwks" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from jwks" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -s n -l name -d 'Name of the CertificateSigningRequest: the Kubernetes user, by convention the CSR\'s CN' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l csr-file -d 'PEM certificate signing request to submit (\'-\' for stdin), e.g. from \'akl generate-csr\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l from-classic-key -d 'Have the gateway sign the CSR (CN = --name, O = --group) with this existing classic key' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l group -d 'Kubernetes group (the CSR\'s O); repeat or comma-separate. With --csr-file it must match the CSR' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l expiration-seconds -d 'Requested certificate lifetime in seconds, at least 600 [default: the signer\'s maximum]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l timeout -d 'Seconds to wait for approval and the certificate' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l out -d 'Write the certificate as PEM to FILE (mode 0644) instead of printing its base64' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l approve -d 'Approve the CSR (needs `approve` on signers kubernetes.io/kube-apiserver-client)'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l force -d 'Overwrite an existing --out file'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l dry-run -d 'Print the CSR (YAML, or JSON with --json) and what would change, and change nothing'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l namespace -d 'Namespace of the service account and its token Secret' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l name -d 'Service account name; the token Secret is NAME-token' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l binding -d 'ClusterRoleBinding to system:auth-delegator to create or add the service account to' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l timeout -d 'Seconds to wait for the token controller to fill the Secret' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l dry-run -d 'Print the objects (YAML, or JSON with --json) and what would change, and change nothing'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l user -d 'User to bind (a client certificate\'s CN); repeatable' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l group -d 'Group to bind (a client certificate\'s O); repeatable' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l service-account -d 'Service account to bind, as NAMESPACE/NAME; repeatable' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l binding -d 'ClusterRoleBinding to create or add the subjects to' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l dry-run -d 'Print the binding (YAML, or JSON with --json) as it would be, and change nothing'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l user -d 'Kubeconfig user (users[].name) to create or replace' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l context -d 'Context to create or update [default: the --user name]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l cluster -d 'Cluster of the context [default: the context\'s cluster if it exists, else the current context\'s]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l namespace -d 'Namespace of the context (an empty value removes it)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l client-certificate -d 'PEM client certificate, e.g. the one \'akl k8s issue-client-cert --out\' wrote' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l client-key -d 'PEM private key of --client-certificate' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l from-certificate -d 'Certificate and key stored on the gateway (create-certificate), embedded in the kubeconfig' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l token-from-secret -d 'Service-account token Secret to read the token from (data.token)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l secret-context -d 'Context whose credentials read --token-from-secret [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l token-file -d 'File holding a bearer token (\'-\' for stdin)' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l oidc-issuer-url -d 'OIDC issuer URL (auth-provider oidc: idp-issuer-url)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l oidc-client-id -d 'OIDC client ID (client-id)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l oidc-client-secret-file -d 'File holding the OIDC client secret (client-secret)' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l oidc-refresh-token-file -d 'File holding the OIDC refresh token (refresh-token)' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l oidc-id-token-file -d 'File holding a current OIDC ID token (id-token)' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l kubeconfig -d 'Kubeconfig to write [default: the first existing $KUBECONFIG file, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l use-context -d 'Also make the context the current-context'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l embed-certs -d 'Embed the certificate and key (client-certificate-data, client-key-data) instead of their paths'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -l dry-run -d 'Print the resulting kubeconfig, secrets redacted as \'kubectl config view\' does, and change nothing'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from kubeconfig" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth" -l access-id -d 'Access ID of the auth method (p-…) [default: $AKEYLESS_ACCESS_ID, else the profile\'s access_id]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l access-type -d 'Access type: access_key, k8s or jwt [default: $AKEYLESS_ACCESS_TYPE, else the profile\'s access_type, else access_key]' -r -f -a "access_key\t''
k8s\t''
jwt\t''"
complete -c akl -n "__fish_akl_using_subcommand auth" -l access-key -d 'Access key, for access_key (visible in ps: prefer --access-key-file or $AKEYLESS_ACCESS_KEY) [default: $AKEYLESS_ACCESS_KEY, else the profile\'s access_key]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l access-key-file -d 'File holding the access key, for access_key' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth" -l k8s-auth-config-name -d 'Name of the gateway\'s K8s auth config, for k8s [default: $AKEYLESS_K8S_AUTH_CONF_NAME, else the profile\'s]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l k8s-service-account-token -d 'Base64 of the service-account JWT, for k8s (visible in ps: prefer the -file form) [default: read from /var/run/secrets/kubernetes.io/serviceaccount/token]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l k8s-service-account-token-file -d 'File holding the service-account JWT (raw or base64), for k8s' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth" -l jwt -d 'The raw JWT, for jwt (visible in ps; prefer --jwt-file or $AKEYLESS_JWT)' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l jwt-file -d 'File holding the raw JWT, for jwt (e.g. a projected service-account token) [default: $AKEYLESS_JWT]' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth" -l timeout -d 'Keep retrying an unreachable gateway or a 5xx answer (with jittered exponential backoff) for up to this many seconds; refusals (4xx) are never retried; 0 tries once' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l write-token -d 'Also write the token to this file (0600, atomically: a temporary file in the same directory renamed over it)' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth" -l debug -d 'Print the request\'s non-secret fields to stderr (`--debug[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand configure" -l access-id -d 'Access ID of the auth method (p-…)' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l access-key -d 'Access key (required for access_key; visible in ps: prefer --access-key-file)' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l access-key-file -d 'File holding the access key' -r -F
complete -c akl -n "__fish_akl_using_subcommand configure" -l access-type -d 'Access type: access_key or k8s' -r -f -a "access_key\t''
k8s\t''"
complete -c akl -n "__fish_akl_using_subcommand configure" -s u -l gateway-url -d 'Gateway URL to keep in the profile' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l k8s-auth-config-name -d 'K8s auth config name to keep in the profile, for k8s' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand configure" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand configure" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand configure" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -s n -l name -d 'Auth method name, may include a /folder/ path' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l access-expires -d 'Access expiration as a unix timestamp; 0 = never' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l audience -d 'Required audience (aud claim) of the service-account JWT' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l bound-namespaces -d 'Namespaces allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l bound-pod-names -d 'Pod names allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l bound-sa-names -d 'Service-account names allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l bound-ips -d 'Client CIDRs allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l gw-bound-ips -d 'Gateway CIDRs trusted to forward authentications; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l gen-key -d 'Generate the key pair (`--gen-key[=true]`) [default: true on create, unless a public key is given]' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l public-key -d 'RSA public key (base64 or PEM), used when --gen-key=false' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -s p -l public-key-file-path -d 'File holding the RSA public key, used when --gen-key=false' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l jwt-ttl -d 'Credential TTL in minutes; 0 = the account default' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l force-sub-claims -d 'Role associations must include sub-claims (`--force-sub-claims[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l audit-logs-claims -d 'Claims to record in audit logs; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l allowed-client-type -d 'Client types allowed: cli, ui, gateway-admin, sdk, mobile, extension; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l product-type -d 'Products the method is for: sm, sra, pm, dp, ca, ara; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l expiration-event-in -d 'Days before expiration to raise an event; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l delete-protection -d 'Protect the auth method from deletion (`--delete-protection[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l description -l descriptions -d 'Description of the auth method' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -s n -l name -d 'Auth method name, may include a /folder/ path' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l access-expires -d 'Access expiration as a unix timestamp; 0 = never' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l audience -d 'Required audience (aud claim) of the service-account JWT' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l bound-namespaces -d 'Namespaces allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l bound-pod-names -d 'Pod names allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l bound-sa-names -d 'Service-account names allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l bound-ips -d 'Client CIDRs allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l gw-bound-ips -d 'Gateway CIDRs trusted to forward authentications; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l gen-key -d 'Generate the key pair (`--gen-key[=true]`) [default: true on create, unless a public key is given]' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l public-key -d 'RSA public key (base64 or PEM), used when --gen-key=false' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -s p -l public-key-file-path -d 'File holding the RSA public key, used when --gen-key=false' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l jwt-ttl -d 'Credential TTL in minutes; 0 = the account default' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l force-sub-claims -d 'Role associations must include sub-claims (`--force-sub-claims[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l audit-logs-claims -d 'Claims to record in audit logs; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l allowed-client-type -d 'Client types allowed: cli, ui, gateway-admin, sdk, mobile, extension; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l product-type -d 'Products the method is for: sm, sra, pm, dp, ca, ara; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l expiration-event-in -d 'Days before expiration to raise an event; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l delete-protection -d 'Protect the auth method from deletion (`--delete-protection[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l description -l descriptions -d 'Description of the auth method' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l new-name -d 'New name of the auth method' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -s n -l name -d 'Auth method name' -r
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l filter -d 'Only auth methods whose name contains this text' -r
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l type -d 'Only these types (k8s, api_key, …); repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l pagination-token -d 'Token of the page to fetch (next_page of the previous answer)' -r
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -s n -l name -d 'Auth method name' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -s n -l name -d 'Auth method name, may include a /folder/ path' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l unique-identifier -d 'Name of the claim that tells identities apart (e.g. sub or email), not its value' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l jwks-uri -d 'HTTPS URL of the JWKS that signs the tokens (exclusive with --jwks-json-data)' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l jwks-json-data -d 'The JWKS itself, base64-encoded (e.g. the output of \'akl k8s jwks\')' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l issuer -d 'Required issuer (iss claim); alone, its OIDC discovery document locates the JWKS' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l audience -d 'Required audience (aud claim); a token with an audience needs one here' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l bound-client-ids -d 'Client IDs (azp, client_id or cid claim) allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l cert-file-data -d 'Base64 PEM CA that signs the JWKS/issuer endpoint\'s certificate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l force-sub-claims -d 'Role associations must include sub-claims (`--force-sub-claims[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l subclaims-delimiters -d 'Delimiters that split claim values into several sub-claim values; repeat' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l bound-ips -d 'Client CIDRs allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l gw-bound-ips -d 'Gateway CIDRs trusted to forward authentications; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l jwt-ttl -d 'Credential TTL in minutes; 0 = the account default' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l access-expires -d 'Access expiration as a unix timestamp; 0 = never' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l audit-logs-claims -d 'Claims to record in audit logs; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l allowed-client-type -d 'Client types allowed: cli, ui, gateway-admin, sdk, mobile, extension; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l product-type -d 'Products the method is for: sm, sra, pm, dp, ca, ara; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l expiration-event-in -d 'Days before expiration to raise an event; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l delete-protection -d 'Protect the auth method from deletion (`--delete-protection[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l description -l descriptions -d 'Description of the auth method' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-oauth2" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -s n -l name -d 'Auth method name, may include a /folder/ path' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l unique-identifier -d 'Name of the claim that tells identities apart (e.g. sub or email), not its value' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l jwks-uri -d 'HTTPS URL of the JWKS that signs the tokens (exclusive with --jwks-json-data)' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l jwks-json-data -d 'The JWKS itself, base64-encoded (e.g. the output of \'akl k8s jwks\')' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l issuer -d 'Required issuer (iss claim); alone, its OIDC discovery document locates the JWKS' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l audience -d 'Required audience (aud claim); a token with an audience needs one here' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l bound-client-ids -d 'Client IDs (azp, client_id or cid claim) allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l cert-file-data -d 'Base64 PEM CA that signs the JWKS/issuer endpoint\'s certificate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l force-sub-claims -d 'Role associations must include sub-claims (`--force-sub-claims[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l subclaims-delimiters -d 'Delimiters that split claim values into several sub-claim values; repeat' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l bound-ips -d 'Client CIDRs allowed to authenticate; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l gw-bound-ips -d 'Gateway CIDRs trusted to forward authentications; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l jwt-ttl -d 'Credential TTL in minutes; 0 = the account default' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l access-expires -d 'Access expiration as a unix timestamp; 0 = never' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l audit-logs-claims -d 'Claims to record in audit logs; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l allowed-client-type -d 'Client types allowed: cli, ui, gateway-admin, sdk, mobile, extension; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l product-type -d 'Products the method is for: sm, sra, pm, dp, ca, ara; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l expiration-event-in -d 'Days before expiration to raise an event; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l delete-protection -d 'Protect the auth method from deletion (`--delete-protection[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l description -l descriptions -d 'Description of the auth method' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l new-name -d 'New name of the auth method' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-oauth2" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -f -a "create" -d 'Create an auth method'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -f -a "update" -d 'Update an auth method'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -f -a "get" -d 'Show an auth method'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -f -a "list" -d 'List auth methods'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -f -a "delete" -d 'Delete an auth method'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -f -a "k8s" -d 'Create a Kubernetes auth method'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -f -a "oauth2" -d 'Create an OAuth2/JWT auth method (tokens checked against a JWKS)'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -f -a "k8s" -d 'Update a Kubernetes auth method'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -f -a "oauth2" -d 'Update an OAuth2/JWT auth method'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -s n -l name -d 'Auth method name' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l filter -d 'Only auth methods whose name contains this text' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l type -d 'Only these types (k8s, api_key, …); repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l pagination-token -d 'Token of the page to fetch (next_page of the previous answer)' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -s n -l name -d 'Auth method name' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -s n -l name -d 'Config name (pods pass it as --k8s-auth-config-name)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l access-id -d 'Access ID of the K8s auth method (p-…)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l signing-key -d 'The auth method\'s private key, base64 PEM (prv_key of create-auth-method-k8s; visible in ps: prefer --signing-key-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l signing-key-file -d 'File holding the signing key: the base64 prv_key, or the PEM itself' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-host -d 'Kubernetes API server URL [default: from the kubeconfig]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-ca-cert -d 'Cluster CA, base64 PEM [default: from the kubeconfig when the host comes from it or --kubeconfig/--context is given]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l token-reviewer-jwt -d 'Raw JWT the gateway uses for TokenReview (visible in ps: prefer --token-reviewer-jwt-file) [default: the JWT being reviewed]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l token-reviewer-jwt-file -d 'File holding the token reviewer JWT' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-issuer -d 'Service-account issuer to check tokens against' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l disable-issuer-validation -d 'Skip the issuer check (`--disable-issuer-validation[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l token-exp -d 'Lifetime in seconds of the gateway-signed internal token [server default: 300]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l cluster-api-type -d 'Cluster API type; only native_k8s for now' -r -f -a "native_k8s\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-auth-type -d 'How the gateway authenticates its TokenReview calls: token (a bearer token) or certificate (a client certificate)' -r -f -a "token\t''
certificate\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-client-certificate -d 'Client certificate for --k8s-auth-type certificate (base64 of PEM)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-client-certificate-file -d 'File with the client certificate (PEM) for --k8s-auth-type certificate' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-client-key -d 'Client private key for --k8s-auth-type certificate (base64 of PEM; visible in ps: prefer --k8s-client-key-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-client-key-file -d 'File with the client private key (PEM) for --k8s-auth-type certificate' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -s i -l use-gw-service-account -d 'Use the gateway\'s own service account and CA (the gateway runs in the cluster) (`--use-gw-service-account[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -s n -l name -d 'Config name (pods pass it as --k8s-auth-config-name)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l access-id -d 'Access ID of the K8s auth method (p-…)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l signing-key -d 'The auth method\'s private key, base64 PEM (prv_key of create-auth-method-k8s; visible in ps: prefer --signing-key-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l signing-key-file -d 'File holding the signing key: the base64 prv_key, or the PEM itself' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-host -d 'Kubernetes API server URL [default: from the kubeconfig]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-ca-cert -d 'Cluster CA, base64 PEM [default: from the kubeconfig when the host comes from it or --kubeconfig/--context is given]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l token-reviewer-jwt -d 'Raw JWT the gateway uses for TokenReview (visible in ps: prefer --token-reviewer-jwt-file) [default: the JWT being reviewed]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l token-reviewer-jwt-file -d 'File holding the token reviewer JWT' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-issuer -d 'Service-account issuer to check tokens against' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l disable-issuer-validation -d 'Skip the issuer check (`--disable-issuer-validation[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l token-exp -d 'Lifetime in seconds of the gateway-signed internal token [server default: 300]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l cluster-api-type -d 'Cluster API type; only native_k8s for now' -r -f -a "native_k8s\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-auth-type -d 'How the gateway authenticates its TokenReview calls: token (a bearer token) or certificate (a client certificate)' -r -f -a "token\t''
certificate\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-client-certificate -d 'Client certificate for --k8s-auth-type certificate (base64 of PEM)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-client-certificate-file -d 'File with the client certificate (PEM) for --k8s-auth-type certificate' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-client-key -d 'Client private key for --k8s-auth-type certificate (base64 of PEM; visible in ps: prefer --k8s-client-key-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-client-key-file -d 'File with the client private key (PEM) for --k8s-auth-type certificate' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -s i -l use-gw-service-account -d 'Use the gateway\'s own service account and CA (the gateway runs in the cluster) (`--use-gw-service-account[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l new-name -d 'New config name [default: the current name]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -s n -l name -d 'Config name' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -s n -l name -d 'Config name' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -s n -l name -d 'Classic key name' -r
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -s v -l version -d 'Key version [default: the latest]' -r
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -l export-public-key -d 'Print only the public key (`--export-public-key[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -l ignore-cache -d 'Read the value without the gateway\'s cache (`--ignore-cache[=false]`); accepted for compatibility' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s n -l name -d 'Certificate name, may include a /folder/ path' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l certificate-data -d 'Base64 of the certificate file\'s content (kubectl\'s .status.certificate is already that); words of a wrapped value are joined' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s c -l certificate -d 'Certificate file (PEM, or DER for .cer/.crt); the format comes from its extension' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l key-data -d 'Base64 of the private key file\'s content; words of a wrapped value (unquoted `base64` output) are joined' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s p -l private-key -d 'Private key file (PEM)' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l format -d 'Format: pem, crt, cer (pfx and p12 are not supported) [default: from the --certificate extension, else pem]' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s e -l expiration-event-in -d 'Days before expiration to raise an event; repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s t -l tag -d 'Tag to attach; repeatable' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l description -d 'Description of the certificate' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l delete-protection -d 'Protect the certificate from deletion (`--delete-protection[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -s n -l name -d 'Item name' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand list-items" -l type -d 'Only these item types (static-secret, classic-key, certificate); repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l filter -d 'Only items whose name contains this text' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l path -d 'Only items under this folder' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l tag -d 'Only items with this tag' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l pagination-token -d 'Next page token, from the previous answer\'s next_page' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l minimal-view -d 'Names and types only (`--minimal-view[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand list-items" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand list-items" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand list-items" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand list-items" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand list-items" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand delete-item" -s n -l name -d 'Item name' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l version -d 'Version to delete: -1 = the whole item, 0 = the last version, N = version N' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l delete-in-days -d 'Days before a key is deleted; items are deleted at once' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l delete-immediately -d 'Delete at once (`--delete-immediately[=false]`); items here always are' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand delete-item" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-item" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand create-role" -s n -l name -d 'Role name, may include a /folder/ path' -r
complete -c akl -n "__fish_akl_using_subcommand create-role" -l description -d 'Description of the role' -r
complete -c akl -n "__fish_akl_using_subcommand create-role" -l delete-protection -d 'Protect the role from deletion (`--delete-protection[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-role" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand create-role" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-role" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-role" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand create-role" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand create-role" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand create-role" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-role" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand create-role" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand update-role" -s n -l name -d 'Role name' -r
complete -c akl -n "__fish_akl_using_subcommand update-role" -l new-name -d 'New role name' -r
complete -c akl -n "__fish_akl_using_subcommand update-role" -l description -d 'New description of the role' -r
complete -c akl -n "__fish_akl_using_subcommand update-role" -l delete-protection -d 'Protect the role from deletion (`--delete-protection[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-role" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand update-role" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-role" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-role" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand update-role" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand update-role" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand update-role" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-role" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand update-role" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand get-role" -s n -l name -d 'Role name' -r
complete -c akl -n "__fish_akl_using_subcommand get-role" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand get-role" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-role" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand get-role" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand get-role" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand get-role" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand get-role" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-role" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand get-role" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand list-roles" -l filter -d 'Only roles whose name contains this text' -r
complete -c akl -n "__fish_akl_using_subcommand list-roles" -l pagination-token -d 'Next page token, from the previous answer\'s next_page' -r
complete -c akl -n "__fish_akl_using_subcommand list-roles" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand list-roles" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand list-roles" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand list-roles" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand list-roles" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand list-roles" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand list-roles" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand list-roles" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand list-roles" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand delete-role" -s n -l name -d 'Role name' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-role" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand delete-role" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-role" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand delete-role" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -s r -l role-name -d 'Role name' -r
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -s p -l path -d 'Path the rule covers: /exact/name, /prefix*, /folder/*, /k8s/{{namespace}}/*' -r
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -s c -l capability -d 'Capability: read, list, create, update, delete or deny; repeat for several' -r
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -l rule-type -d 'Rule type: item-rule, role-rule, auth-method-rule, …' -r
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -l ttl -d 'Minutes until the rule expires [default: never]' -r
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand set-role-rule" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -s r -l role-name -d 'Role name' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -s p -l path -d 'Path of the rule' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -l rule-type -d 'Rule type' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand delete-role-rule" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -s r -l role-name -d 'Role name' -r
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -s a -l am-name -d 'Auth method name' -r
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -s s -l sub-claims -d 'Sub-claim the token must carry, key=value1,value2; repeat once per key' -r
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -s c -l case-sensitive -d 'Compare sub-claims case-sensitively (`--case-sensitive[=true]`) [default: true]' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand assoc-role-am" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -s a -l assoc-id -d 'Association id (from assoc-role-am or get-role)' -r
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -s s -l sub-claims -d 'Sub-claim the token must carry, key=value1,value2; repeat once per key' -r
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -s c -l case-sensitive -d 'Compare sub-claims case-sensitively (`--case-sensitive[=true]`) [default: true]' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand update-assoc" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -l assoc-id -d 'Association id' -r
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand delete-assoc" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -l assoc-id -d 'Association id' -r
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand describe-role-am-assoc" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand describe-sub-claims" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand describe-sub-claims" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand describe-sub-claims" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand describe-sub-claims" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand describe-sub-claims" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand describe-sub-claims" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand describe-sub-claims" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand describe-sub-claims" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand describe-sub-claims" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand create-secret" -s n -l name -d 'Secret name, may include a /folder/ path' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -s v -l value -d 'Secret value; visible to `ps`, prefer --value-file' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l value-file -d 'Read the value from this file (\'-\' = stdin), keeping it off the command line (beyond akeyless)' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-secret" -s f -l format -d 'Value format: text, json or key-value' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -s t -l tag -d 'Tag to attach; repeatable' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l description -d 'Description of the secret' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l delete-protection -d 'Protect the secret from deletion (`--delete-protection[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l max-versions -d 'Versions to keep (older ones are dropped by update-secret-val --keep-prev-version)' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand create-secret" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand create-secret" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand create-secret" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -s n -l name -d 'Secret name; repeat for several (the answer is then a JSON map)' -r
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -l version -d 'Version to read [default: the latest]; -N prints the last N versions as a JSON map' -r
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -l ignore-cache -d 'Read the value without the gateway\'s cache (`--ignore-cache[=false]`); accepted for compatibility' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-secret-value" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -s n -l name -d 'Secret name' -r
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -s v -l value -d 'New value; visible to `ps`, prefer --value-file' -r
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -l value-file -d 'Read the new value from this file (\'-\' = stdin) (beyond akeyless)' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -l keep-prev-version -d 'Keep the previous value as an older version (`--keep-prev-version[=true]`) [default: overwrite the latest]' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -l format -d 'Value format: text, json or key-value' -r
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand update-secret-val" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand describe-item" -s n -l name -d 'Item name' -r
complete -c akl -n "__fish_akl_using_subcommand describe-item" -l show-versions -d 'Include the item\'s versions (`--show-versions[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand describe-item" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand describe-item" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand describe-item" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand describe-item" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand describe-item" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand describe-item" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand describe-item" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand describe-item" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand describe-item" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand update-item" -s n -l name -d 'Item name' -r
complete -c akl -n "__fish_akl_using_subcommand update-item" -l description -d 'New description' -r
complete -c akl -n "__fish_akl_using_subcommand update-item" -l add-tag -d 'Tag to add; repeatable' -r
complete -c akl -n "__fish_akl_using_subcommand update-item" -l rm-tag -d 'Tag to remove; repeatable' -r
complete -c akl -n "__fish_akl_using_subcommand update-item" -l delete-protection -d 'Protect the item from deletion (`--delete-protection[=true]`); =false lifts it' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-item" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand update-item" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-item" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand update-item" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand update-item" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand update-item" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand update-item" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand update-item" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand update-item" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -f -a "serve" -d 'Serve the gateway API over HTTPS (auth methods, K8s auth configs, /auth)'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -f -a "admin" -d 'Administer a gateway\'s data dir (the gateway may be running)'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -f -a "backup" -d 'Copy the gateway\'s state (SQLite database, master key, TLS identity) into a new directory, while it serves'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve admin backup restore" -f -a "restore" -d 'Put a backup made by `akl gateway backup` into a new data dir (the gateway must be stopped)'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l listen -d 'Address to listen on: HOST:PORT, [IPv6]:PORT, or :PORT for every IPv4 interface' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l data-dir -d 'Directory for the database, TLS certificate and keys [default: ~/.local/share/akl/gateway]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l store -d 'Where the state lives: a PostgreSQL URL (postgres://USER@HOST:PORT/DB, plain TCP) shared by several replicas, which then share the master.key file too; without it, SQLite in the data dir. Pass a password through AKL_STORE, not the command line' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l tls-cert -d 'TLS certificate (PEM); without it a self-signed one is made and kept in the data dir. Re-read on SIGHUP and when the file changes' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l tls-key -d 'TLS private key (PEM) for --tls-cert' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l tls-san -d 'Extra DNS name or IP for the self-signed certificate (repeatable; comma-separated in AKL_TLS_SAN), e.g. the Service\'s DNS name' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l admin-access-key-file -d 'File holding the admin access key (e.g. a mounted Secret): used instead of a generated key that is printed once' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l master-key-file -d 'File holding the 32-byte master key (e.g. a mounted Secret shared by replicas on one --store): copied into the data dir as master.key when it has none; a data dir with another key is refused' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l log-format -d 'Log format: text or json (json: every line on stdout and stderr is a JSON object)' -r -f -a "text\t''
json\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l service-account-dir -d 'Directory of the gateway pod\'s service-account token and ca.crt (for use-gw-service-account) [default: /var/run/secrets/kubernetes.io/serviceaccount]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l expiration-check-interval -d 'Seconds between checks of the stored certificates against their --expiration-event-in thresholds' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l event-webhook -d 'HTTPS URL that receives certificate expiration events as JSON POSTs (retried with backoff until it answers 2xx)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l event-webhook-ca -d 'PEM file of CA certificates to trust for --event-webhook, besides the system roots' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l max-connections -d 'Most connections served at once; past it new connections wait up to 2 s while idle ones are closed, then are refused (keep it well below the open-files limit, ulimit -n)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l tls-handshake-timeout -d 'Seconds a client has for the TLS handshake' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l header-timeout -d 'Seconds a client has to send a request\'s headers (HTTP/1), counted from when the gateway starts waiting for them' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l idle-timeout -d 'Seconds a connection with no request in flight stays open' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l request-timeout -d 'Seconds to receive a request\'s body and answer it; slower requests get 408' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from admin" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from admin" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from admin" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from admin" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from admin" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from admin" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from admin" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from admin" -f -a "reset-key" -d 'Replace a lost admin access key with a new one, printed once (or written to --output)'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l data-dir -d 'The gateway\'s data dir [default: ~/.local/share/akl/gateway]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l data-dir -d 'The data dir to restore into [default: ~/.local/share/akl/gateway]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials (visible in ps: prefer --token-file)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l token-file -d 'File holding the session token (t-…), e.g. written by \'akl auth --write-token\'' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l force -d 'Replace the state a data dir already holds (never while a gateway serves it)'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
