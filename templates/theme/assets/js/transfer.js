/* AI Engineering Atlas: export progress to a file, and import it in another browser.
 *
 * Needs progress.js (window.atlas). A file that is not a valid progress file
 * changes nothing and says why.
 */
(() => {
  "use strict";

  const { whenReady, doneKeys, isProgressKey, replaceProgress, download } = window.atlas;
  const FORMAT = "ai-engineering-atlas-progress";

  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

  const exportProgress = () => {
    const keys = doneKeys();
    const data = { format: FORMAT, version: 1, exported: new Date().toISOString(), done: keys };
    download("atlas-progress.json", "application/json", `${JSON.stringify(data, null, 2)}\n`);
    return keys.length;
  };

  // Returns the keys of a valid progress file, or throws an Error whose message a reader can act on.
  const parseProgress = (text) => {
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error("This file is not JSON. Choose a file made with “Export progress”.");
    }
    if (!data || data.format !== FORMAT) {
      throw new Error("This JSON file is not an Atlas progress file. Choose a file made with “Export progress”.");
    }
    if (data.version !== 1) {
      throw new Error(`This progress file has version ${data.version}; this site reads version 1.`);
    }
    if (!Array.isArray(data.done) || !data.done.every(isProgressKey)) {
      throw new Error("This progress file is damaged: its list of finished items is not valid.");
    }
    return data.done;
  };

  const startTools = (box) => {
    const status = box.querySelector(".atlas-status");
    const exportButton = box.querySelector("[data-atlas-action=export]");
    const fileInput = box.querySelector("input[type=file]");
    const say = (text, kind) => {
      status.textContent = text;
      status.className = `atlas-status atlas-${kind}`;
    };
    exportButton.addEventListener("click", () => {
      say(`Exported ${plural(exportProgress(), "finished item")} to atlas-progress.json.`, "ok");
    });
    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      file
        .text()
        .then((text) => {
          const keys = parseProgress(text);
          replaceProgress(keys);
          say(`Imported ${plural(keys.length, "finished item")}.`, "ok");
        })
        .catch((error) => say(`Nothing was changed. ${error.message}`, "error"))
        .then(() => {
          fileInput.value = "";
        });
    });
    box.hidden = false;
  };

  whenReady(() => document.querySelectorAll(".atlas-progress-tools").forEach(startTools));
})();
