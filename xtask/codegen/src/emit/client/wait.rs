//! A marked read's `wait()`: the same call sent again, with growing pauses, until the status
//! of its answer is final (see the runtime's `poll` module for the pauses).

use super::super::types::ident;
use super::ClientOptions;
use crate::model::{Operation, Polling};
use proc_macro2::TokenStream;
use quote::quote;

/// `wait` and `wait_with` on the builder of an operation marked `x-polling`.
pub(super) fn wait_methods(
    op: &Operation,
    polling: &Polling,
    returns: &TokenStream,
    options: &ClientOptions,
) -> TokenStream {
    let runtime = options.runtime();
    let op_id = &op.id;
    let (last, objects) = polling.path.split_last().expect("a status has a field");
    let objects = objects.iter().map(|f| ident(&f.name));
    let field = ident(&last.name);
    let status = if last.optional {
        quote! { answer #(.#objects)* .#field.as_ref().map(|status| status.as_str()) }
    } else {
        quote! { ::std::option::Option::Some(answer #(.#objects)* .#field.as_str()) }
    };
    let values = &polling.values;
    let is_final = if polling.listed_are_pending {
        quote! { ![#(#values),*].contains(&status) }
    } else {
        quote! { [#(#values),*].contains(&status) }
    };
    let doc = super::line_docs(&format!(
        "Sends this call until the `{wire}` of its answer is final ({finals}), and returns \
         that answer.\n\n\
         Each read is this call sent again, with its parameters and options (and so with its \
         retries). Between reads it pauses as [`PollOptions::default`]({poll_options}) \
         says: every second for 30 s, then longer each time, up to 30 s; after 30 minutes it \
         gives up with `Error::WaitTimeout`. [`wait_with`](Self::wait_with) sets other pauses. \
         A failed read ends the wait with its error.",
        wire = polling.wire,
        finals = polling.describe(),
        poll_options = options.runtime.doc_link("PollOptions"),
    ));
    quote! {
        #doc
        pub async fn wait(self) -> ::std::result::Result<#returns, Error> {
            self.wait_with(::std::default::Default::default()).await
        }
        /// [`wait`](Self::wait), pausing between reads and giving up as `poll` says.
        pub async fn wait_with(
            self,
            poll: #runtime PollOptions,
        ) -> ::std::result::Result<#returns, Error> {
            #runtime poll_until(
                #op_id,
                poll,
                || ::std::clone::Clone::clone(&self).send(),
                |answer: &#returns| #status,
                |status| #is_final,
            )
            .await
        }
    }
}
