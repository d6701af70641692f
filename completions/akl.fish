# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_akl_global_optspecs
    string join \n json= jq-expression= profile= token= h/help V/version
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
complete -c akl -n "__fish_akl_needs_command" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_needs_command" -f -a "auth-method" -d 'Auth methods: create, update, get, list, delete'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-create-k8s-auth-config" -d 'Create a K8s auth config on the gateway'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-update-k8s-auth-config" -d 'Update a K8s auth config on the gateway'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-get-k8s-auth-config" -d 'Show a K8s auth config of the gateway'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-delete-k8s-auth-config" -d 'Delete a K8s auth config from the gateway'
complete -c akl -n "__fish_akl_needs_command" -f -a "gateway-list-k8s-auth-configs" -d 'List the gateway\'s K8s auth configs (beyond akeyless)'
complete -c akl -n "__fish_akl_needs_command" -f -a "export-classic-key" -d 'Print a classic key stored on the gateway (PEM), e.g. the key generate-csr made'
complete -c akl -n "__fish_akl_needs_command" -f -a "create-certificate" -d 'Store a certificate and its key on the gateway, with expiration events'
complete -c akl -n "__fish_akl_needs_command" -f -a "get-certificate-value" -d 'Print a certificate stored on the gateway and its key (PEM)'
complete -c akl -n "__fish_akl_needs_command" -f -a "list-items" -d 'List the items (classic keys, certificates) stored on the gateway'
complete -c akl -n "__fish_akl_needs_command" -f -a "delete-item" -d 'Delete an item (classic key or certificate) from the gateway'
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
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l force -d 'Overwrite an existing --key-file, or (gateway mode, with --generate-key) replace the classic key stored under --name'
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -f -a "ca-cert" -d 'Print the cluster CA as base64, like kubectl\'s certificate-authority-data jsonpath'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -f -a "host" -d 'Print the API server URL of the context'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -f -a "issuer" -d 'Print the service-account issuer (OIDC discovery, or a token\'s iss claim)'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -f -a "issue-client-cert" -d 'Submit a client-certificate CSR (kubernetes.io/kube-apiserver-client), approve it if asked, print the certificate'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -f -a "setup-token-reviewer" -d 'Create the token-reviewer service account, its system:auth-delegator binding and token Secret; print the token'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer issue-client-cert setup-token-reviewer bind-auth-delegator" -f -a "bind-auth-delegator" -d 'Bind ClusterRole system:auth-delegator to users, groups or service accounts, keeping existing subjects'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l from-token -d 'Read the issuer from this service-account token file (\'-\' for stdin) instead of asking the API server' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -s V -l version -d 'Print version'
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
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issue-client-cert" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from setup-token-reviewer" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -l dry-run -d 'Print the binding (YAML, or JSON with --json) as it would be, and change nothing'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from bind-auth-delegator" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth" -l access-id -d 'Access ID of the auth method (p-…) [default: the profile\'s access_id]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l access-type -d 'Access type: access_key or k8s [default: the profile\'s access_type, else access_key]' -r -f -a "access_key\t''
k8s\t''"
complete -c akl -n "__fish_akl_using_subcommand auth" -l access-key -d 'Access key, for access_key [default: the profile\'s access_key]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l k8s-auth-config-name -d 'Name of the gateway\'s K8s auth config, for k8s' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l k8s-service-account-token -d 'Base64 of the service-account JWT, for k8s [default: read from /var/run/secrets/kubernetes.io/serviceaccount/token]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth" -l debug -d 'Print the request\'s non-secret fields to stderr (`--debug[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand auth" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand configure" -l access-id -d 'Access ID of the auth method (p-…)' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l access-key -d 'Access key (required for access_key)' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l access-type -d 'Access type: access_key or k8s' -r -f -a "access_key\t''
k8s\t''"
complete -c akl -n "__fish_akl_using_subcommand configure" -s u -l gateway-url -d 'Gateway URL to keep in the profile' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l k8s-auth-config-name -d 'K8s auth config name to keep in the profile, for k8s' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand configure" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand configure" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_using_subcommand create-auth-method-k8s" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand update-auth-method-k8s" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -s n -l name -d 'Auth method name' -r
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand get-auth-method" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand list-auth-methods" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -s n -l name -d 'Auth method name' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand delete-auth-method" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and not __fish_seen_subcommand_from create update get list delete" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from create" -f -a "k8s" -d 'Create a Kubernetes auth method'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from update" -f -a "k8s" -d 'Update a Kubernetes auth method'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -s n -l name -d 'Auth method name' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from get" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -s n -l name -d 'Auth method name' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand auth-method; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -s n -l name -d 'Config name (pods pass it as --k8s-auth-config-name)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l access-id -d 'Access ID of the K8s auth method (p-…)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l signing-key -d 'The auth method\'s private key, base64 PEM (prv_key of create-auth-method-k8s)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-host -d 'Kubernetes API server URL [default: from the kubeconfig]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-ca-cert -d 'Cluster CA, base64 PEM [default: from the kubeconfig when the host comes from it or --kubeconfig/--context is given]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l token-reviewer-jwt -d 'Raw JWT the gateway uses for TokenReview [default: the JWT being reviewed]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-issuer -d 'Service-account issuer to check tokens against' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l disable-issuer-validation -d 'Skip the issuer check (`--disable-issuer-validation[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l token-exp -d 'Lifetime in seconds of the gateway-signed internal token [server default: 300]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l cluster-api-type -d 'Cluster API type; only native_k8s for now' -r -f -a "native_k8s\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-auth-type -d 'How the gateway authenticates its TokenReview calls: token (a bearer token) or certificate (a client certificate)' -r -f -a "token\t''
certificate\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-client-certificate -d 'Client certificate for --k8s-auth-type certificate (base64 of PEM)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-client-certificate-file -d 'File with the client certificate (PEM) for --k8s-auth-type certificate' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l k8s-client-key -d 'Client private key for --k8s-auth-type certificate (base64 of PEM)' -r
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
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway-create-k8s-auth-config" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -s n -l name -d 'Config name (pods pass it as --k8s-auth-config-name)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l access-id -d 'Access ID of the K8s auth method (p-…)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l signing-key -d 'The auth method\'s private key, base64 PEM (prv_key of create-auth-method-k8s)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-host -d 'Kubernetes API server URL [default: from the kubeconfig]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-ca-cert -d 'Cluster CA, base64 PEM [default: from the kubeconfig when the host comes from it or --kubeconfig/--context is given]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l token-reviewer-jwt -d 'Raw JWT the gateway uses for TokenReview [default: the JWT being reviewed]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-issuer -d 'Service-account issuer to check tokens against' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l disable-issuer-validation -d 'Skip the issuer check (`--disable-issuer-validation[=true]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l token-exp -d 'Lifetime in seconds of the gateway-signed internal token [server default: 300]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l cluster-api-type -d 'Cluster API type; only native_k8s for now' -r -f -a "native_k8s\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-auth-type -d 'How the gateway authenticates its TokenReview calls: token (a bearer token) or certificate (a client certificate)' -r -f -a "token\t''
certificate\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-client-certificate -d 'Client certificate for --k8s-auth-type certificate (base64 of PEM)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-client-certificate-file -d 'File with the client certificate (PEM) for --k8s-auth-type certificate' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l k8s-client-key -d 'Client private key for --k8s-auth-type certificate (base64 of PEM)' -r
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
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway-update-k8s-auth-config" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -s n -l name -d 'Config name' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway-get-k8s-auth-config" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -s n -l name -d 'Config name' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway-delete-k8s-auth-config" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway-list-k8s-auth-configs" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_using_subcommand export-classic-key" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
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
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand create-certificate" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -s n -l name -d 'Item name' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand get-certificate-value" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand list-items" -l type -d 'Only these item types (classic-key, certificate); repeat or comma-separate' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l filter -d 'Only items whose name contains this text' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l path -d 'Only items under this folder' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l tag -d 'Only items with this tag' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand list-items" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand list-items" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand list-items" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand list-items" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand delete-item" -s n -l name -d 'Item name' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -s u -l gateway-url -d 'Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile\'s gateway_url, else https://127.0.0.1:8000]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l gateway-ca-cert -d 'PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]' -r -F
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand delete-item" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand delete-item" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve backup restore" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve backup restore" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve backup restore" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve backup restore" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve backup restore" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve backup restore" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve backup restore" -f -a "serve" -d 'Serve the gateway API over HTTPS (auth methods, K8s auth configs, /auth)'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve backup restore" -f -a "backup" -d 'Copy the gateway\'s state (SQLite database, master key, TLS identity) into a new directory, while it serves'
complete -c akl -n "__fish_akl_using_subcommand gateway; and not __fish_seen_subcommand_from serve backup restore" -f -a "restore" -d 'Put a backup made by `akl gateway backup` into a new data dir (the gateway must be stopped)'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l listen -d 'Address to listen on' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l data-dir -d 'Directory for the database, TLS certificate and keys [default: ~/.local/share/akl/gateway]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l store -d 'Where the state lives: a PostgreSQL URL (postgres://USER@HOST:PORT/DB, plain TCP) shared by several replicas, which then share the master.key file too; without it, SQLite in the data dir. Pass a password through AKL_STORE, not the command line' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l tls-cert -d 'TLS certificate (PEM); without it a self-signed one is made and kept in the data dir' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l tls-key -d 'TLS private key (PEM) for --tls-cert' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l log-format -d 'Log format: text or json' -r -f -a "text\t''
json\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l service-account-dir -d 'Directory of the gateway pod\'s service-account token and ca.crt (for use-gw-service-account) [default: /var/run/secrets/kubernetes.io/serviceaccount]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l expiration-check-interval -d 'Seconds between checks of the stored certificates against their --expiration-event-in thresholds' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l event-webhook -d 'HTTPS URL that receives certificate expiration events as JSON POSTs (retried with backoff until it answers 2xx)' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l event-webhook-ca -d 'PEM file of CA certificates to trust for --event-webhook, besides the system roots' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l data-dir -d 'The gateway\'s data dir [default: ~/.local/share/akl/gateway]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from backup" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l data-dir -d 'The data dir to restore into [default: ~/.local/share/akl/gateway]' -r -F
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l profile -d 'Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l token -d 'Session token (t-…) from \'akl auth\'; skips the profile\'s credentials' -r
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -l force -d 'Replace the state a data dir already holds (never while a gateway serves it)'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand gateway; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
