// pip: the umbrella module. `import pip;` brings every core module (pip.connect re-exports pip.auth, pip.build
// and pip.refer, which re-exports pip.config and pip.errors). pip.connect.etcd stays a separate import.
export module pip;
export import pip.connect;
