# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_akl_global_optspecs
    string join \n json= jq-expression= h/help V/version
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
complete -c akl -n "__fish_akl_needs_command" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_needs_command" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_needs_command" -f -a "generate-csr" -d 'Generate a certificate signing request (CSR) and, if asked, its key'
complete -c akl -n "__fish_akl_needs_command" -f -a "k8s" -d 'Kubernetes helpers that replace the kubectl, curl and jq one-liners of the docs'
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s n -l name -d 'Key name (as on the gateway); recorded for compatibility with akeyless' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s g -l generate-key -d 'Generate a new key (`--generate-key[=false]`); implied by --key-file' -r -f -a "true\t''
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
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -l force -d 'Overwrite an existing --key-file'
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand generate-csr" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer" -f -a "ca-cert" -d 'Print the cluster CA as base64, like kubectl\'s certificate-authority-data jsonpath'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer" -f -a "host" -d 'Print the API server URL of the context'
complete -c akl -n "__fish_akl_using_subcommand k8s; and not __fish_seen_subcommand_from ca-cert host issuer" -f -a "issuer" -d 'Print the service-account issuer (OIDC discovery, or a token\'s iss claim)'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from ca-cert" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from host" -s V -l version -d 'Print version'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l kubeconfig -d 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l context -d 'Kubeconfig context to use [default: the current context]' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l from-token -d 'Read the issuer from this service-account token file (\'-\' for stdin) instead of asking the API server' -r -F
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l json -d 'Print the response object as JSON (`--json[=false]`)' -r -f -a "true\t''
false\t''"
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -l jq-expression -d 'Print the results of a jq program run over the JSON response, strings raw' -r
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -s h -l help -d 'Print help'
complete -c akl -n "__fish_akl_using_subcommand k8s; and __fish_seen_subcommand_from issuer" -s V -l version -d 'Print version'
