// Shows an error that is not about one form field.
import { toast } from "../toast.js";
import { t } from "../i18n.js";

export function showError(error) {
  toast(error?.message || t("error.unexpected"));
}
