//! A `huaweicloud_css_snapshot` resource of the Huawei Cloud Terraform provider, with the
//! provider block that says where the region goes. Argument names as the provider documents
//! them: `name`, `cluster_id`, `index`, `description`.

use super::{comment, quote, Parts};
use crate::text::Ui;

/// The provider's resource type for a manual snapshot.
pub const RESOURCE: &str = "huaweicloud_css_snapshot";

pub(super) fn build(p: &Parts) -> String {
    let r = &p.request;
    let mut args = vec![("name", r.name.as_str()), ("cluster_id", r.cluster_id.as_str())];
    args.extend(r.indices.as_deref().map(|i| ("index", i)));
    args.extend(r.description.as_deref().map(|d| ("description", d)));
    // Aligned on `=` as `terraform fmt` leaves them.
    let width = args.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let args: String = args.iter().map(|(k, v)| format!("  {k:width$} = {}\n", quote::hcl(v))).collect();
    format!(
        "{note}provider \"huaweicloud\" {{\n  region = {region}\n}}\n\nresource \"{RESOURCE}\" \"snapshot\" {{\n{args}}}\n",
        note = comment(p.lang.ui(Ui::TerraformRegionNote)),
        region = quote::hcl(&p.region),
    )
}
