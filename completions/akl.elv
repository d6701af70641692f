
use builtin;
use str;

set edit:completion:arg-completer[akl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'akl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'akl'= {
            cand --json 'Print the response object as JSON (`--json[=false]`)'
            cand --jq-expression 'Print the results of a jq program run over the JSON response, strings raw'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate-csr 'Generate a certificate signing request (CSR) and, if asked, its key'
            cand k8s 'Kubernetes helpers that replace the kubectl, curl and jq one-liners of the docs'
        }
        &'akl;generate-csr'= {
            cand -n 'Key name (as on the gateway); recorded for compatibility with akeyless'
            cand --name 'Key name (as on the gateway); recorded for compatibility with akeyless'
            cand -g 'Generate a new key (`--generate-key[=false]`); implied by --key-file'
            cand --generate-key 'Generate a new key (`--generate-key[=false]`); implied by --key-file'
            cand --alg 'Key algorithm: RSA1024, RSA2048, RSA3072, RSA4096, EC256 or EC384 [default: RSA2048]'
            cand --common-name 'Common name (CN) of the subject'
            cand --org 'Organization (O); repeat or comma-separate for several (Kubernetes groups)'
            cand --dep 'Organizational unit (OU); repeatable, comma-separated'
            cand --city 'Locality (L)'
            cand --state 'State or province (ST)'
            cand --country 'Two-letter country code (C)'
            cand --alt-names 'DNS subject alternative names, comma-separated'
            cand --email-addresses 'Email subject alternative names, comma-separated'
            cand --ip-addresses 'IP subject alternative names, comma-separated'
            cand --uri-sans 'URI subject alternative names, comma-separated'
            cand --key-usage 'Key usages, comma-separated (digitalSignature, keyEncipherment, keyAgreement, …)'
            cand --ext-key-usage 'Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, …)'
            cand --critical 'Mark the key usage extensions critical (`--critical[=false]`)'
            cand --hash-algorithm 'Signature hash: SHA256, SHA384 or SHA512 [default: SHA256; SHA384 for EC384]'
            cand --export-private-key 'Also return the private key (`--export-private-key[=false]`)'
            cand --certificate-type 'Certificate types, comma-separated: ssl-client, ssl-server, certificate-signing'
            cand --key-file 'Generate the key here and write it to PATH (PEM, mode 0600)'
            cand --key-in 'Sign the request with the existing PEM key in PATH'
            cand --json 'Print the response object as JSON (`--json[=false]`)'
            cand --jq-expression 'Print the results of a jq program run over the JSON response, strings raw'
            cand --force 'Overwrite an existing --key-file'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'akl;k8s'= {
            cand --json 'Print the response object as JSON (`--json[=false]`)'
            cand --jq-expression 'Print the results of a jq program run over the JSON response, strings raw'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ca-cert 'Print the cluster CA as base64, like kubectl''s certificate-authority-data jsonpath'
            cand host 'Print the API server URL of the context'
            cand issuer 'Print the service-account issuer (OIDC discovery, or a token''s iss claim)'
        }
        &'akl;k8s;ca-cert'= {
            cand --kubeconfig 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]'
            cand --context 'Kubeconfig context to use [default: the current context]'
            cand --json 'Print the response object as JSON (`--json[=false]`)'
            cand --jq-expression 'Print the results of a jq program run over the JSON response, strings raw'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'akl;k8s;host'= {
            cand --kubeconfig 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]'
            cand --context 'Kubeconfig context to use [default: the current context]'
            cand --json 'Print the response object as JSON (`--json[=false]`)'
            cand --jq-expression 'Print the results of a jq program run over the JSON response, strings raw'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'akl;k8s;issuer'= {
            cand --kubeconfig 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]'
            cand --context 'Kubeconfig context to use [default: the current context]'
            cand --from-token 'Read the issuer from this service-account token file (''-'' for stdin) instead of asking the API server'
            cand --json 'Print the response object as JSON (`--json[=false]`)'
            cand --jq-expression 'Print the results of a jq program run over the JSON response, strings raw'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
    ]
    $completions[$command]
}
