//! A script for the official Python SDK (`huaweicloudsdkcss`): `CssClient` with AK/SK
//! credentials from the environment, the endpoint as a variable, and the body as
//! `CreateSnapshotReq` keyword arguments, each value a Python string literal.

use super::{comment, quote, Parts};
use crate::spec;
use crate::text::Ui;

/// The environment variables the SDK's own environment provider reads for AK/SK.
pub const AK_ENV: &str = "HUAWEICLOUD_SDK_AK";
pub const SK_ENV: &str = "HUAWEICLOUD_SDK_SK";
/// Overrides the endpoint (a proxy, a local emulator).
pub const ENDPOINT_ENV: &str = "CSS_ENDPOINT";

pub(super) fn build(p: &Parts) -> String {
    let lang = p.lang;
    let r = &p.request;
    let mut args = vec![("name", r.name.as_str())];
    args.extend(r.description.as_deref().map(|d| ("description", d)));
    args.extend(r.indices.as_deref().map(|i| ("indices", i)));
    let args: String = args.iter().map(|(k, v)| format!("    {k}={},\n", quote::python(v))).collect();
    let prefix = spec::endpoint_prefix(&p.region);
    format!(
        "import os\n\
         \n\
         from huaweicloudsdkcore.auth.credentials import BasicCredentials\n\
         from huaweicloudsdkcss.v1 import CreateSnapshotReq, CreateSnapshotRequest, CssClient\n\
         \n\
         {region_note}\
         REGION = {region}\n\
         ENDPOINT = os.environ.get(\"{ENDPOINT_ENV}\", f\"https://{prefix}.{{REGION}}.{domain}\")\n\
         PROJECT_ID = {project}\n\
         CLUSTER_ID = {cluster}\n\
         \n\
         {credentials_note}\
         credentials = BasicCredentials(os.environ[\"{AK_ENV}\"], os.environ[\"{SK_ENV}\"], PROJECT_ID)\n\
         client = CssClient.new_builder().with_credentials(credentials).with_endpoints([ENDPOINT]).build()\n\
         \n\
         body = CreateSnapshotReq(\n\
         {args}\
         )\n\
         response = client.create_snapshot(CreateSnapshotRequest(cluster_id=CLUSTER_ID, body=body))\n\
         print(response)\n",
        region_note = comment(lang.ui(Ui::PythonRegionNote)),
        region = quote::python(&p.region),
        domain = spec::ENDPOINT_DOMAIN,
        project = quote::python(&r.project_id),
        cluster = quote::python(&r.cluster_id),
        credentials_note = comment(lang.ui(Ui::PythonCredentialsNote)),
    )
}
