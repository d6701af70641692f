# The akl gateway image: the static (musl) binary in distroless/static
# (CA certificates, /etc/passwd with the nonroot user 65532, nothing else:
# no shell, no libc). Build the binary first, then the image:
#
#   rustup target add x86_64-unknown-linux-musl    # once; needs musl-gcc (Debian: musl-tools)
#   cargo build --release --locked --target x86_64-unknown-linux-musl
#   docker build -t akl-gateway:0.1.0 .
#
# Configuration comes from AKL_* variables (every `gateway serve` flag has
# one); see deploy/ for Kubernetes.
FROM gcr.io/distroless/static-debian12:nonroot
COPY target/x86_64-unknown-linux-musl/release/akl /akl
USER 65532:65532
# /home/nonroot is the one directory the image gives user 65532, so a
# volume there (docker run -v akl:/home/nonroot) is writable without chown.
ENV AKL_LISTEN=:8000 \
    AKL_DATA_DIR=/home/nonroot/akl \
    AKL_LOG_FORMAT=json
EXPOSE 8000
VOLUME ["/home/nonroot"]
ENTRYPOINT ["/akl", "gateway", "serve"]
