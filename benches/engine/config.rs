//! The measured configurations.

#[allow(unused_imports)] // Each part uses some of the shared imports.
use super::*;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Config {
    /// One `http` probe per service.
    Http,
    /// A `tcp` and an `http` probe per service.
    TcpHttp,
}

impl Config {
    pub(crate) const ALL: [Config; 2] = [Config::Http, Config::TcpHttp];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Config::Http => "http",
            Config::TcpHttp => "tcp+http",
        }
    }

    pub(crate) fn probes_per_service(self) -> usize {
        match self {
            Config::Http => 1,
            Config::TcpHttp => 2,
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Config> {
        Config::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The config file: no built-ins, one tcp control to the server, 1,000 services.
    pub(crate) fn toml(self, port: u16) -> String {
        let host = format!("{}:{port}", Ipv4Addr::LOCALHOST);
        let mut text = format!(
            "builtins = []\ntimeout_ms = {TIMEOUT_MS}\n\n[connectivity]\n\
             probes = [{{ kind = \"tcp\", addr = \"{host}\" }}]\n"
        );
        for n in 0..SERVICES {
            let http = format!("{{ kind = \"http\", url = \"http://{host}/svc/{n}\" }}");
            let probes = match self {
                Config::Http => http,
                Config::TcpHttp => format!("{{ kind = \"tcp\", addr = \"{host}\" }}, {http}"),
            };
            text.push_str(&format!(
                "\n[[services]]\nid = \"svc-{n}\"\nprobes = [{probes}]\n"
            ));
        }
        text
    }
}
