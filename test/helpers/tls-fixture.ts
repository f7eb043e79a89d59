// A self-signed certificate for 127.0.0.1 and localhost (valid 2020-2120), for tests that speak
// TLS to a local server. Test-only: the key is public, nothing trusts it but the tests that say so.
export const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBWzCCAQGgAwIBAgIUaHuiESbr2h6kTDaoGxPaEAz2lUgwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTIwMDEwMTAwMDAwMFoYDzIxMjAwMTAx
MDAwMDAwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARZmMZi02VP07m9PspOosuaqpk8HMew+d1V8PRa/XdscEGeFCPMKaoX
7mzgRy86z8oKl7Mu5cA/aNzCgSaLZIa6oy8wLTAaBgNVHREEEzARgglsb2NhbGhv
c3SHBH8AAAEwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAiwcm
qwfeVLCK+SxPXQx8vhwef0DJ2EXpdxBTYEYsgNACIH1Iu0x4kYQOaJpp+ey8FfPY
u9J5eZE9FuIivoxWQFls
-----END CERTIFICATE-----
`;

export const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8kw44MF+r6S+nRV7
gyy5YSVW8MPtwt3lasO1YZy0W2KhRANCAARZmMZi02VP07m9PspOosuaqpk8HMew
+d1V8PRa/XdscEGeFCPMKaoX7mzgRy86z8oKl7Mu5cA/aNzCgSaLZIa6
-----END PRIVATE KEY-----
`;
