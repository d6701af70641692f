
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'akl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'akl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'akl' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the response object as JSON (`--json[=false]`)')
            [CompletionResult]::new('--jq-expression', '--jq-expression', [CompletionResultType]::ParameterName, 'Print the results of a jq program run over the JSON response, strings raw')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate-csr', 'generate-csr', [CompletionResultType]::ParameterValue, 'Generate a certificate signing request (CSR) and, if asked, its key')
            [CompletionResult]::new('k8s', 'k8s', [CompletionResultType]::ParameterValue, 'Kubernetes helpers that replace the kubectl, curl and jq one-liners of the docs')
            break
        }
        'akl;generate-csr' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Key name (as on the gateway); recorded for compatibility with akeyless')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Key name (as on the gateway); recorded for compatibility with akeyless')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Generate a new key (`--generate-key[=false]`); implied by --key-file')
            [CompletionResult]::new('--generate-key', '--generate-key', [CompletionResultType]::ParameterName, 'Generate a new key (`--generate-key[=false]`); implied by --key-file')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Key algorithm: RSA1024, RSA2048, RSA3072, RSA4096, EC256 or EC384 [default: RSA2048]')
            [CompletionResult]::new('--common-name', '--common-name', [CompletionResultType]::ParameterName, 'Common name (CN) of the subject')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization (O); repeat or comma-separate for several (Kubernetes groups)')
            [CompletionResult]::new('--dep', '--dep', [CompletionResultType]::ParameterName, 'Organizational unit (OU); repeatable, comma-separated')
            [CompletionResult]::new('--city', '--city', [CompletionResultType]::ParameterName, 'Locality (L)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'State or province (ST)')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Two-letter country code (C)')
            [CompletionResult]::new('--alt-names', '--alt-names', [CompletionResultType]::ParameterName, 'DNS subject alternative names, comma-separated')
            [CompletionResult]::new('--email-addresses', '--email-addresses', [CompletionResultType]::ParameterName, 'Email subject alternative names, comma-separated')
            [CompletionResult]::new('--ip-addresses', '--ip-addresses', [CompletionResultType]::ParameterName, 'IP subject alternative names, comma-separated')
            [CompletionResult]::new('--uri-sans', '--uri-sans', [CompletionResultType]::ParameterName, 'URI subject alternative names, comma-separated')
            [CompletionResult]::new('--key-usage', '--key-usage', [CompletionResultType]::ParameterName, 'Key usages, comma-separated (digitalSignature, keyEncipherment, keyAgreement, …)')
            [CompletionResult]::new('--ext-key-usage', '--ext-key-usage', [CompletionResultType]::ParameterName, 'Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, …)')
            [CompletionResult]::new('--critical', '--critical', [CompletionResultType]::ParameterName, 'Mark the key usage extensions critical (`--critical[=false]`)')
            [CompletionResult]::new('--hash-algorithm', '--hash-algorithm', [CompletionResultType]::ParameterName, 'Signature hash: SHA256, SHA384 or SHA512 [default: SHA256; SHA384 for EC384]')
            [CompletionResult]::new('--export-private-key', '--export-private-key', [CompletionResultType]::ParameterName, 'Also return the private key (`--export-private-key[=false]`)')
            [CompletionResult]::new('--certificate-type', '--certificate-type', [CompletionResultType]::ParameterName, 'Certificate types, comma-separated: ssl-client, ssl-server, certificate-signing')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Generate the key here and write it to PATH (PEM, mode 0600)')
            [CompletionResult]::new('--key-in', '--key-in', [CompletionResultType]::ParameterName, 'Sign the request with the existing PEM key in PATH')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the response object as JSON (`--json[=false]`)')
            [CompletionResult]::new('--jq-expression', '--jq-expression', [CompletionResultType]::ParameterName, 'Print the results of a jq program run over the JSON response, strings raw')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing --key-file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'akl;k8s' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the response object as JSON (`--json[=false]`)')
            [CompletionResult]::new('--jq-expression', '--jq-expression', [CompletionResultType]::ParameterName, 'Print the results of a jq program run over the JSON response, strings raw')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ca-cert', 'ca-cert', [CompletionResultType]::ParameterValue, 'Print the cluster CA as base64, like kubectl''s certificate-authority-data jsonpath')
            [CompletionResult]::new('host', 'host', [CompletionResultType]::ParameterValue, 'Print the API server URL of the context')
            [CompletionResult]::new('issuer', 'issuer', [CompletionResultType]::ParameterValue, 'Print the service-account issuer (OIDC discovery, or a token''s iss claim)')
            break
        }
        'akl;k8s;ca-cert' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use [default: the current context]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the response object as JSON (`--json[=false]`)')
            [CompletionResult]::new('--jq-expression', '--jq-expression', [CompletionResultType]::ParameterName, 'Print the results of a jq program run over the JSON response, strings raw')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'akl;k8s;host' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use [default: the current context]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the response object as JSON (`--json[=false]`)')
            [CompletionResult]::new('--jq-expression', '--jq-expression', [CompletionResultType]::ParameterName, 'Print the results of a jq program run over the JSON response, strings raw')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'akl;k8s;issuer' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use [default: the current context]')
            [CompletionResult]::new('--from-token', '--from-token', [CompletionResultType]::ParameterName, 'Read the issuer from this service-account token file (''-'' for stdin) instead of asking the API server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the response object as JSON (`--json[=false]`)')
            [CompletionResult]::new('--jq-expression', '--jq-expression', [CompletionResultType]::ParameterName, 'Print the results of a jq program run over the JSON response, strings raw')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
