<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../widgets/figure_export.cpp" line="31" />
        <source>Could not write %1: %2. Choose another folder or free some space.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie einen anderen Ordner oder schaffen Sie Platz.</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export.cpp" line="42" />
        <source>Could not create %1: %2. Choose a folder you can write to.</source>
        <translation>%1 konnte nicht angelegt werden: %2. Wählen Sie einen beschreibbaren Ordner.</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export.cpp" line="94" />
        <source>%1 cannot be written as .tex: the figure "%2" is not a chart of curves or bars. Export it as .pdf or .svg to include it in LaTeX, or as .csv for its numbers.</source>
        <translation>%1 kann nicht als .tex geschrieben werden: die Abbildung „%2“ ist kein Diagramm aus Kurven oder Balken. Exportieren Sie sie als .pdf oder .svg für LaTeX oder als .csv für ihre Zahlen.</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export.cpp" line="120" />
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;Data as CSV (*.csv);;pgfplots/TikZ for LaTeX (*.tex)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf);;Daten als CSV (*.csv);;pgfplots/TikZ für LaTeX (*.tex)</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export.cpp" line="128" />
        <source>%1 has no known suffix: name the file .png, .svg, .pdf, .csv or .tex.</source>
        <translation>%1 hat keine bekannte Endung: nennen Sie die Datei .png, .svg, .pdf, .csv oder .tex.</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export.cpp" line="146" />
        <source>Made with LongTail Lab %1</source>
        <translation>Erstellt mit LongTail Lab %1</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;Data as CSV (*.csv)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf);;Daten als CSV (*.csv)</translation>
    </message>
    <message>
        <source>%1 has no known suffix: name the file .png, .svg, .pdf or .csv.</source>
        <translation>%1 hat keine bekannte Endung: benennen Sie die Datei .png, .svg, .pdf oder .csv.</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export.cpp" line="131" />
        <source>A figure of %1 x %2 pixels at %3 DPI cannot be written: choose at least 16 x 16 pixels and between 10 and 2400 DPI.</source>
        <translation>Eine Abbildung mit %1 x %2 Pixeln bei %3 DPI kann nicht geschrieben werden: wählen Sie mindestens 16 x 16 Pixel und 10 bis 2400 DPI.</translation>
    </message>
    <message>
        <source>Made with LongTail Lab</source>
        <translation>Erstellt mit LongTail Lab</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export.cpp" line="196" />
        <source>the SVG writer failed</source>
        <translation>der SVG-Export schlug fehl</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export.cpp" line="212" />
        <source>the PDF writer failed</source>
        <translation>der PDF-Export schlug fehl</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="131" />
        <source>Export figure...</source>
        <translation>Abbildung exportieren...</translation>
    </message>
</context>
<context>
    <name>lt::widgets::CamGrid</name>
    <message>
        <location filename="../widgets/cam_grid.cpp" line="39" />
        <source>Choose a run and a data set: the maps appear here.</source>
        <translation>Wählen Sie einen Lauf und einen Datensatz: hier erscheinen die Karten.</translation>
    </message>
    <message>
        <location filename="../widgets/cam_grid.cpp" line="67" />
        <source>image</source>
        <translation>Bild</translation>
    </message>
</context>
<context>
    <name>lt::widgets::ClassCountsChart</name>
    <message>
        <location filename="../widgets/class_counts_chart.cpp" line="66" />
        <location filename="../widgets/class_counts_chart.cpp" line="158" />
        <source>designed</source>
        <translation>entworfen</translation>
    </message>
    <message>
        <location filename="../widgets/class_counts_chart.cpp" line="70" />
        <location filename="../widgets/class_counts_chart.cpp" line="161" />
        <source>balanced twin</source>
        <translation>balancierter Zwilling</translation>
    </message>
    <message>
        <location filename="../widgets/class_counts_chart.cpp" line="103" />
        <location filename="../widgets/class_counts_chart.cpp" line="146" />
        <source>images</source>
        <translation>Bilder</translation>
    </message>
</context>
<context>
    <name>lt::widgets::ComparePlace</name>
    <message>
        <location filename="../widgets/compare_place.cpp" line="37" />
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="67" />
        <source>Imbalance:</source>
        <translation>Ungleichgewicht:</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="74" />
        <source>Which evaluation of the pre-trained encoders to compare</source>
        <translation>Welche Auswertung der vortrainierten Encoder verglichen wird</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="76" />
        <source>r: the rarest class's size over the most frequent's, in the imbalanced variant</source>
        <translation>r: Größe der seltensten Klasse geteilt durch die der häufigsten, in der unausgewogenen Variante</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="78" />
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="79" />
        <source>Read the run store again</source>
        <translation>Den Lauf-Speicher neu lesen</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="81" />
        <source>Figures 1 and 2</source>
        <translation>Abbildungen 1 und 2</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="82" />
        <source>Table 1</source>
        <translation>Tabelle 1</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="84" />
        <source>Figures 1 and 2: accuracy and relative gap against n, over all runs; Table 1: a `longtail table1` run set (SimSiam, +SAM, balanced, +rwSAM) with its generalisation gaps</source>
        <translation>Abbildungen 1 und 2: Genauigkeit und relative Lücke über n, aus allen Läufen; Tabelle 1: ein Laufsatz von `longtail table1` (SimSiam, +SAM, balanciert, +rwSAM) mit seinen Generalisierungslücken</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="90" />
        <source>Evaluation:</source>
        <translation>Auswertung:</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="93" />
        <source>Tag:</source>
        <translation>Tag:</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="100" />
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="110" />
        <source>Figure 2: accuracy against n</source>
        <translation>Abbildung 2: Genauigkeit über n</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="111" />
        <location filename="../widgets/compare_place.cpp" line="114" />
        <source>pre-training images n</source>
        <translation>Vortrainingsbilder n</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="111" />
        <source>top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="113" />
        <source>Figure 1: relative gap Δ = (A_bal − A_imb) / A_bal against n</source>
        <translation>Abbildung 1: relative Lücke Δ = (A_bal − A_imb) / A_bal über n</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="114" />
        <source>relative gap Δ (%)</source>
        <translation>relative Lücke Δ (%)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="117" />
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="117" />
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="117" />
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="117" />
        <source>Balanced acc. (%)</source>
        <translation>Balanciert Gen. (%)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="118" />
        <source>Imbalanced acc. (%)</source>
        <translation>Unausgewogen Gen. (%)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="118" />
        <source>Δ (%)</source>
        <translation>Δ (%)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="118" />
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="153" />
        <source>Compare only the runs with this tag (longtail runs tag, or the Runs place)</source>
        <translation>Nur die Läufe mit diesem Tag vergleichen (longtail runs tag oder der Bereich Läufe)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="154" />
        <location filename="../widgets/compare_place.cpp" line="260" />
        <source>All runs</source>
        <translation>Alle Läufe</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="176" />
        <source>&lt;b&gt;Verdict:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Urteil:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="221" />
        <source>, SSL views</source>
        <translation>, SSL-Ansichten</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="228" />
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="228" />
        <source>bal.</source>
        <translation>bal.</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="228" />
        <source>imb.</source>
        <translation>unausg.</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="269" />
        <source>The run store cannot be read: %1</source>
        <translation>Der Lauf-Speicher kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="284" />
        <source>In domain (ID)</source>
        <translation>In der Domäne (ID)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="285" />
        <source>Out of domain (OOD)</source>
        <translation>Außerhalb der Domäne (OOD)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="286" />
        <source>In domain, fine-tuned (ID)</source>
        <translation>In der Domäne, feinabgestimmt (ID)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="287" />
        <source>Out of domain, fine-tuned (OOD)</source>
        <translation>Außerhalb der Domäne, feinabgestimmt (OOD)</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="334" />
        <source>r = %1</source>
        <translation>r = %1</translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="360" />
        <source>Nothing to compare yet for %1. Train a variant and its balanced twin, then evaluate both (Launch, or `longtail quick`).</source>
        <translation>Für %1 gibt es noch nichts zu vergleichen. Trainieren Sie eine Variante und ihren balancierten Zwilling und werten Sie beide aus (Start oder `longtail quick`).</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/compare_place.cpp" line="451" />
        <source>%n run(s) compared</source>
        <translation><numerusform>%n Lauf verglichen</numerusform><numerusform>%n Läufe verglichen</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/compare_place.cpp" line="454" />
        <source>; no variant has its balanced twin evaluated yet, so there is no gap. Train the twin (Launch, or `longtail train --twin`) and evaluate it.</source>
        <translation>; zu keiner Variante ist der balancierte Zwilling ausgewertet, daher gibt es keine Lücke. Trainieren Sie den Zwilling (Start oder `longtail train --twin`) und werten Sie ihn aus.</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/compare_place.cpp" line="458" />
        <source>; %n left out (point here to see why)</source>
        <translation><numerusform>; %n ausgelassen (Mauszeiger hierher für den Grund)</numerusform><numerusform>; %n ausgelassen (Mauszeiger hierher für die Gründe)</numerusform></translation>
    </message>
</context>
<context>
    <name>lt::widgets::DatasetDesigner</name>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="68" />
        <source>Overlay (and save) the balanced twin</source>
        <translation>Balancierten Zwilling überlagern (und speichern)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="69" />
        <source>Logarithmic scale</source>
        <translation>Logarithmische Skala</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="72" />
        <source>&amp;Save variant</source>
        <translation>Variante &amp;speichern</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="73" />
        <source>Run the &amp;headline on this design</source>
        <translation>&amp;Kernaussage auf diesem Entwurf prüfen</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="76" />
        <source>Preview only (no images)</source>
        <translation>Nur Vorschau (keine Bilder)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="80" />
        <source>A source spec: fashion-mnist, digits, cifar10:DIR, folder:DIR, a .ltds cache ... (press Enter to load)</source>
        <translation>Eine Quelle: fashion-mnist, digits, cifar10:DIR, folder:DIR, ein .ltds-Cache ... (Eingabetaste lädt)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="82" />
        <source>Choose a paper variant ...</source>
        <translation>Variante aus dem Paper wählen ...</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="83" />
        <source>CIFAR-10-LT, exponential, r = 0.1</source>
        <translation>CIFAR-10-LT, exponentiell, r = 0.1</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="84" />
        <source>CIFAR-10-LT, exponential, r = 0.01</source>
        <translation>CIFAR-10-LT, exponentiell, r = 0.01</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="85" />
        <source>CIFAR-10, step, r = 0.01</source>
        <translation>CIFAR-10, Stufe, r = 0.01</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="86" />
        <source>ImageNet-LT-like Pareto</source>
        <translation>Pareto wie ImageNet-LT</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="87" />
        <source>Fashion-MNIST quick (the main job)</source>
        <translation>Fashion-MNIST schnell (der Hauptlauf)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="88" />
        <source>Split images, Section 3.2 (5 frequent, 5 rare, r = 0.002)</source>
        <translation>Split-Bilder, Abschnitt 3.2 (5 häufige, 5 seltene, r = 0,002)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="91" />
        <source>CIFAR-10 quick, cpu-cifar (exponential, r = 0.01, s = 0.5)</source>
        <translation>CIFAR-10 schnell, cpu-cifar (exponentiell, r = 0,01, s = 0,5)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="94" />
        <source>Exponential</source>
        <translation>Exponentiell</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="95" />
        <source>Step</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="96" />
        <source>Pareto (ImageNet-LT-like)</source>
        <translation>Pareto (wie ImageNet-LT)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="97" />
        <source>Balanced</source>
        <translation>Balanciert</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="102" />
        <source>r: the rarest class's size over the most frequent's</source>
        <translation>r: Größe der seltensten Klasse geteilt durch die der häufigsten</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="105" />
        <source>r on a logarithmic scale, from 0.0001 to 1</source>
        <translation>r auf logarithmischer Skala, von 0.0001 bis 1</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="110" />
        <source>s: the share of every class to keep</source>
        <translation>s: der Anteil jeder Klasse, der bleibt</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="115" />
        <source>n_max: images of the most frequent class</source>
        <translation>n_max: Bilder der häufigsten Klasse</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="118" />
        <source>half of the classes</source>
        <translation>die Hälfte der Klassen</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="119" />
        <source>Step: how many classes keep n_max</source>
        <translation>Stufe: wie viele Klassen n_max behalten</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="120" />
        <source>Natural (class 0 most frequent)</source>
        <translation>Natürlich (Klasse 0 am häufigsten)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="121" />
        <source>Shuffled by the seed</source>
        <translation>Nach Seed gemischt</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="127" />
        <location filename="../widgets/dataset_designer.cpp" line="378" />
        <source>Load a source to see its images.</source>
        <translation>Laden Sie eine Quelle, um ihre Bilder zu sehen.</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="128" />
        <source>Draw the images of this design (and its twin) and save them as variants</source>
        <translation>Die Bilder dieses Entwurfs (und seines Zwillings) ziehen und als Varianten speichern</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="131" />
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="132" />
        <source>Paper variant</source>
        <translation>Variante aus dem Paper</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="133" />
        <source>Distribution</source>
        <translation>Verteilung</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="137" />
        <source>Ratio r</source>
        <translation>Verhältnis r</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="138" />
        <source>Sampling ratio s</source>
        <translation>Stichprobenanteil s</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="139" />
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="140" />
        <source>Images per class (n_max)</source>
        <translation>Bilder je Klasse (n_max)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="141" />
        <source>Frequent classes (step)</source>
        <translation>Häufige Klassen (Stufe)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="142" />
        <source>Class order</source>
        <translation>Klassenreihenfolge</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="143" />
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="149" />
        <source>SimSiam and supervised pre-training on this design and on its balanced twin, each probed; then Compare shows the four runs and the verdict (longtail quick --source)</source>
        <translation>SimSiam- und überwachtes Vortraining auf diesem Entwurf und auf seinem balancierten Zwilling, jeweils geprüft; danach zeigt Vergleichen die vier Läufe und das Urteil (longtail quick --source)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="194" />
        <source>Reading the source was cancelled.</source>
        <translation>Das Lesen der Quelle wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="227" />
        <source>Saving was cancelled.</source>
        <translation>Das Speichern wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="230" />
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="280" />
        <source>The headline runs by longtail quick --preset cpu-cifar: 20 epochs, 3 seeds, the paper's probe</source>
        <translation>Die Kernaussage läuft wie longtail quick --preset cpu-cifar: 20 Epochen, 3 Seeds, die Probe des Papers</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="282" />
        <source>Load a CIFAR-10 source (cifar10:DIR) first</source>
        <translation>Laden Sie zuerst eine CIFAR-10-Quelle (cifar10:DIR)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="291" />
        <source>%1, r = %2, s = %3 (%4)</source>
        <translation>%1, r = %2, s = %3 (%4)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="295" />
        <source>no source loaded: fashion-mnist</source>
        <translation>keine Quelle geladen: fashion-mnist</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="320" />
        <source>n = %1 images, r achieved %2, Gini %3, effective classes %4</source>
        <translation>n = %1 Bilder, erreichtes r %2, Gini %3, effektive Klassen %4</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="328" />
        <source>A Pareto-shaped profile, not ImageNet-LT itself: only the published list file (source list:FILE@ROOT) reproduces ImageNet-LT (115,846 images; the paper's rarer variant 80,218). This profile gives 121,449 and 119,641 for those settings.</source>
        <translation>Ein Pareto-förmiges Profil, nicht ImageNet-LT selbst: nur die veröffentlichte Listendatei (Quelle list:FILE@ROOT) reproduziert ImageNet-LT (115.846 Bilder; die seltenere Variante des Papers 80.218). Dieses Profil ergibt 121.449 und 119.641 für diese Einstellungen.</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="395" />
        <source>Reading %1 ...</source>
        <translation>%1 wird gelesen ...</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="415" />
        <source>Split images of %1</source>
        <translation>Split-Bilder von %1</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="418" />
        <source>Building the split images of %1 ...</source>
        <translation>Erzeuge die Split-Bilder von %1 ...</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="443" />
        <source>No variants folder: open a run store first (File &gt; Open store).</source>
        <translation>Kein Varianten-Ordner: öffnen Sie zuerst einen Lauf-Speicher (Datei &gt; Speicher öffnen).</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="476" />
        <source>The cpu-cifar preset needs CIFAR-10: load cifar10:DIR first.</source>
        <translation>Die Vorlage cpu-cifar braucht CIFAR-10: laden Sie zuerst cifar10:DIR.</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_designer.cpp" line="500" />
        <source>Wait until the source has loaded, then choose the preset again.</source>
        <translation>Warten Sie, bis die Quelle geladen ist, und wählen Sie die Vorlage dann erneut.</translation>
    </message>
</context>
<context>
    <name>lt::widgets::FigureExportDialog</name>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="32" />
        <source>Export figure: %1</source>
        <translation>Abbildung exportieren: %1</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="47" />
        <location filename="../widgets/figure_export_dialog.cpp" line="48" />
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="50" />
        <source>&amp;Browse...</source>
        <translation>&amp;Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="53" />
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="61" />
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="62" />
        <source>Single column (3.25 in, 8 pt text)</source>
        <translation>Einspaltig (3,25 in, 8 pt Text)</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="63" />
        <source>Double column (6.75 in, 9 pt text)</source>
        <translation>Zweispaltig (6,75 in, 9 pt Text)</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="64" />
        <source>Width and height for a paper's column at the chosen resolution</source>
        <translation>Breite und Höhe für eine Spalte eines Papers bei der gewählten Auflösung</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="70" />
        <source>File (.png, .svg, .pdf, .csv or .tex)</source>
        <translation>Datei (.png, .svg, .pdf, .csv oder .tex)</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="71" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>File (.png, .svg, .pdf or .csv)</source>
        <translation>Datei (.png, .svg, .pdf oder .csv)</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="72" />
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="73" />
        <source>Height</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="74" />
        <source>Resolution (DPI)</source>
        <translation>Auflösung (DPI)</translation>
    </message>
    <message>
        <location filename="../widgets/figure_export_dialog.cpp" line="107" />
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>lt::widgets::GradCamPlace</name>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="56" />
        <location filename="../widgets/gradcam_place.cpp" line="61" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="65" />
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="66" />
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="71" />
        <source>a data set: a split-image cache (.ltds) or any source</source>
        <translation>ein Datensatz: ein Split-Bild-Cache (.ltds) oder eine beliebige Quelle</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="72" />
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="73" />
        <source>Grad-CAM++</source>
        <translation>Grad-CAM++</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="74" />
        <source>Automatic (class for supervised runs, own embedding otherwise)</source>
        <translation>Automatisch (Klasse bei überwachten Läufen, sonst eigene Einbettung)</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="75" />
        <source>The image's label</source>
        <translation>Das Label des Bildes</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="76" />
        <source>The predicted class</source>
        <translation>Die vorhergesagte Klasse</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="77" />
        <source>Its own embedding</source>
        <translation>Seine eigene Einbettung</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="78" />
        <source>The mean embedding of the set</source>
        <translation>Die mittlere Einbettung des Satzes</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="79" />
        <source>A saved linear probe's class (e.g. rare-probe.pt)</source>
        <translation>Die Klasse einer gespeicherten linearen Sonde (z. B. rare-probe.pt)</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="81" />
        <source>a linear probe on the run's features, e.g. a semisynth run's rare-probe.pt</source>
        <translation>eine lineare Sonde auf den Merkmalen des Laufs, z. B. rare-probe.pt eines semisynth-Laufs</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="82" />
        <source>Its class k is the label %1 + k: the rare classes of semisynth's probe</source>
        <translation>Ihre Klasse k ist das Label %1 + k: die seltenen Klassen der semisynth-Sonde</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="87" />
        <source>How strongly the map covers the image</source>
        <translation>Wie stark die Karte das Bild überdeckt</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="91" />
        <source>share of the map on the right half</source>
        <translation>Anteil der Karte auf der rechten Hälfte</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="97" />
        <source>beside</source>
        <translation>neben</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="99" />
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="103" />
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="106" />
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="108" />
        <source>Explain</source>
        <translation>Erklären</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="110" />
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="112" />
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="119" />
        <source>Probe</source>
        <translation>Sonde</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="146" />
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="147" />
        <source>Frequent classes (label on the left)</source>
        <translation>Häufige Klassen (Label links)</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="148" />
        <source>Rare classes (label on the right)</source>
        <translation>Seltene Klassen (Label rechts)</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="164" />
        <source>Linear probe</source>
        <translation>Lineare Sonde</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="166" />
        <source>Linear probes (*.pt);;All files (*)</source>
        <translation>Lineare Sonden (*.pt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="172" />
        <source>Data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="173" />
        <source>LongTail Lab data sets (*.ltds);;All files (*)</source>
        <translation>LongTail-Lab-Datensätze (*.ltds);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="201" />
        <source>Choose a run and a data set. The held-out split images come from &lt;tt&gt;longtail semisynth build --split test&lt;/tt&gt; or &lt;tt&gt;longtail semisynth run&lt;/tt&gt;.</source>
        <translation>Wählen Sie einen Lauf und einen Datensatz. Die zurückgehaltenen Split-Bilder erzeugt &lt;tt&gt;longtail semisynth build --split test&lt;/tt&gt; oder &lt;tt&gt;longtail semisynth run&lt;/tt&gt;.</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="222" />
        <source>(choose a run)</source>
        <translation>(Lauf wählen)</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="223" />
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="292" />
        <source>Choose a run to explain.</source>
        <translation>Wählen Sie einen Lauf zum Erklären.</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="293" />
        <source>Choose a data set: a split-image cache (.ltds) made by &lt;tt&gt;longtail semisynth build --split test&lt;/tt&gt;.</source>
        <translation>Wählen Sie einen Datensatz: einen Split-Bild-Cache (.ltds) von &lt;tt&gt;longtail semisynth build --split test&lt;/tt&gt;.</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="304" />
        <source>Choose a linear probe file to explain, such as the rare-probe.pt that &lt;tt&gt;longtail semisynth run&lt;/tt&gt; saves in each run.</source>
        <translation>Wählen Sie die Datei einer linearen Sonde, etwa die rare-probe.pt, die &lt;tt&gt;longtail semisynth run&lt;/tt&gt; in jedem Lauf speichert.</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/gradcam_place.cpp" line="308" />
        <source>Computing the maps of %n run(s)…</source>
        <translation><numerusform>Berechne die Karten von %n Lauf…</numerusform><numerusform>Berechne die Karten von %n Läufen…</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="344" />
        <source>The maps were cancelled.</source>
        <translation>Die Karten wurden abgebrochen.</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="357" />
        <source>Class: %1</source>
        <translation>Klasse: %1</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="361" />
        <source>%1 maps of %2 images (%3, %4) on %5</source>
        <translation>%1-Karten von %2 Bildern (%3, %4) auf %5</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="410" />
        <source>no images</source>
        <translation>keine Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="411" />
        <source>images %1–%2 of %3</source>
        <translation>Bilder %1–%2 von %3</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="435" />
        <source>freq. page</source>
        <translation>häufig Seite</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="435" />
        <source>rare page</source>
        <translation>selten Seite</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="435" />
        <source>freq. all</source>
        <translation>häufig alle</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="435" />
        <source>rare all</source>
        <translation>selten alle</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="454" />
        <source>&lt;b&gt;%1&lt;/b&gt;: right half %2 of the map on frequent images, %3 on rare ones&lt;br&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: rechte Hälfte %2 der Karte bei häufigen Bildern, %3 bei seltenen&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/gradcam_place.cpp" line="472" />
        <source>&lt;i&gt;The paper: SL looks left on both; SSL spreads on frequent images and looks right on rare ones.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Das Paper: SL schaut bei beiden links; SSL verteilt sich bei häufigen Bildern und schaut bei seltenen rechts.&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>lt::widgets::HeadlineRunner</name>
    <message>
        <location filename="../widgets/headline_runner.cpp" line="23" />
        <source>Cancelled; finished cells are kept and reused next time.</source>
        <translation>Abgebrochen; fertige Zellen bleiben erhalten und werden beim nächsten Mal wiederverwendet.</translation>
    </message>
</context>
<context>
    <name>lt::widgets::LaunchPlace</name>
    <message>
        <location filename="../widgets/launch_place.cpp" line="41" />
        <source>Train the long-tailed variant</source>
        <translation>Die Long-Tail-Variante trainieren</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="42" />
        <source>Train its balanced twin (same n)</source>
        <translation>Ihren balancierten Zwilling trainieren (gleiches n)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="43" />
        <source>Evaluate in domain and out of domain when done</source>
        <translation>Danach in und außerhalb der Domäne auswerten</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="47" />
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>SimSiam</source>
        <translation>SimSiam</translation>
    </message>
    <message>
        <source>MoCo v2</source>
        <translation>MoCo v2</translation>
    </message>
    <message>
        <source>SimCLR</source>
        <translation>SimCLR</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>Überwacht</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="53" />
        <source>Small ResNet (CPU)</source>
        <translation>Kleines ResNet (CPU)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="54" />
        <source>ResNet-18</source>
        <translation>ResNet-18</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="55" />
        <source>ResNet-50</source>
        <translation>ResNet-50</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="56" />
        <source>Smoke (seconds)</source>
        <translation>Rauchtest (Sekunden)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="57" />
        <source>CPU (minutes)</source>
        <translation>CPU (Minuten)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="58" />
        <source>Paper, CIFAR-10 (GPU, hours)</source>
        <translation>Paper, CIFAR-10 (GPU, Stunden)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="70" />
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="71" />
        <source>SAM</source>
        <translation>SAM</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="72" />
        <source>ASAM</source>
        <translation>ASAM</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="73" />
        <source>rwSAM (KDE-reweighted)</source>
        <translation>rwSAM (KDE-gewichtet)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="74" />
        <source>rwSAM, the paper's CIFAR setting (ASAM, rho 5, alpha 1.2)</source>
        <translation>rwSAM, CIFAR-Einstellung des Papers (ASAM, rho 5, alpha 1.2)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="76" />
        <source>rwSAM, the official code's (ASAM, rho 0.5, alpha 1.2)</source>
        <translation>rwSAM, wie im offiziellen Code (ASAM, rho 0.5, alpha 1.2)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="78" />
        <source>rwSAM, ImageNet-LT's (ASAM, rho 2, alpha 0.5)</source>
        <translation>rwSAM, wie für ImageNet-LT (ASAM, rho 2, alpha 0.5)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="82" />
        <source>rwSAM: weights are the KDE density to the power -alpha</source>
        <translation>rwSAM: Gewichte sind die KDE-Dichte hoch -alpha</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="84" />
        <source>half the epochs</source>
        <translation>die Hälfte der Epochen</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="85" />
        <source>rwSAM: plain epochs before the weights are computed (stage 1)</source>
        <translation>rwSAM: normale Epochen, bevor die Gewichte berechnet werden (Stufe 1)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="89" />
        <source>rho: the radius of SAM's ascent step</source>
        <translation>rho: der Radius von SAMs Anstiegsschritt</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="93" />
        <source>Fast probe (seconds)</source>
        <translation>Schnelle Sonde (Sekunden)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="94" />
        <source>Paper's probe (100 epochs)</source>
        <translation>Sonde des Papers (100 Epochen)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="95" />
        <source>Official code's probe (augmented, 100 epochs)</source>
        <translation>Probe des offiziellen Codes (augmentiert, 100 Epochen)</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="96" />
        <source>Each run gets a folder here; the run store indexes it</source>
        <translation>Jeder Lauf erhält hier einen Ordner; der Lauf-Speicher verzeichnet ihn</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="98" />
        <source>Method and model</source>
        <translation>Methode und Modell</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="100" />
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="101" />
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="102" />
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="103" />
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="104" />
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="105" />
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="106" />
        <source>Weight decay</source>
        <translation>Gewichtsabnahme</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="107" />
        <source>Optimiser</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="108" />
        <source>SAM radius rho</source>
        <translation>SAM-Radius rho</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="109" />
        <source>rwSAM alpha</source>
        <translation>rwSAM alpha</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="110" />
        <source>rwSAM stage 1 epochs</source>
        <translation>rwSAM Epochen der Stufe 1</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="111" />
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="112" />
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="114" />
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="116" />
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="120" />
        <source>Probe</source>
        <translation>Sonde</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="121" />
        <source>Runs folder</source>
        <translation>Ordner der Läufe</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="135" />
        <source>The designer's design</source>
        <translation>Der Entwurf des Designers</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="188" />
        <source>The designer's design: %1</source>
        <translation>Der Entwurf des Designers: %1</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="227" />
        <source>The run's design: %1, r = %2</source>
        <translation>Der Entwurf des Laufs: %1, r = %2</translation>
    </message>
    <message>
        <location filename="../widgets/launch_place.cpp" line="278" />
        <source>Choose the long-tailed variant, its twin, or both.</source>
        <translation>Wählen Sie die Long-Tail-Variante, ihren Zwilling oder beide.</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/launch_place.cpp" line="279" />
        <source>%n run(s) of %1 epochs each will be queued; they train one after another and appear in Live.</source>
        <translation><numerusform>%n Lauf mit %1 Epochen wird eingereiht; er erscheint in Live.</numerusform><numerusform>%n Läufe mit je %1 Epochen werden eingereiht; sie trainieren nacheinander und erscheinen in Live.</numerusform></translation>
    </message>
</context>
<context>
    <name>lt::widgets::LivePlace</name>
    <message>
        <location filename="../widgets/live_place.cpp" line="25" />
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="26" />
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="27" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="38" />
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="39" />
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="40" />
        <source>No run yet: start one from Launch.</source>
        <translation>Noch kein Lauf: starten Sie einen unter Start.</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="41" />
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="42" />
        <location filename="../widgets/live_place.cpp" line="44" />
        <location filename="../widgets/live_place.cpp" line="46" />
        <location filename="../widgets/live_place.cpp" line="48" />
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="42" />
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="43" />
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="44" />
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="45" />
        <source>kNN accuracy (balanced monitor)</source>
        <translation>kNN-Genauigkeit (balancierter Monitor)</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="46" />
        <source>top-1 (%)</source>
        <translation>Top-1 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="47" />
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="48" />
        <source>images/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="50" />
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="50" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="50" />
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="50" />
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="51" />
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="51" />
        <source>Images/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="51" />
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="51" />
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="57" />
        <source>Stop the selected run after its current step; it stays resumable</source>
        <translation>Den gewählten Lauf nach dem aktuellen Schritt anhalten; er bleibt fortsetzbar</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="58" />
        <source>Continue the selected run from its last checkpoint</source>
        <translation>Den gewählten Lauf ab seinem letzten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="113" />
        <source>queued</source>
        <translation>eingereiht</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/live_place.cpp" line="120" />
        <source>%n run(s) in this session</source>
        <translation><numerusform>%n Lauf in dieser Sitzung</numerusform><numerusform>%n Läufe in dieser Sitzung</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="140" />
        <source>training</source>
        <translation>trainiert</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="151" />
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="178" />
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="179" />
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="180" />
        <source>diverged</source>
        <translation>divergiert</translation>
    </message>
    <message>
        <location filename="../widgets/live_place.cpp" line="181" />
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>lt::widgets::MainWindow</name>
    <message>
        <location filename="../widgets/main_window.cpp" line="62" />
        <location filename="../widgets/main_window.cpp" line="378" />
        <source>LongTail Lab</source>
        <translation>LongTail Lab</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="64" />
        <source>Dataset designer</source>
        <translation>Datensatz-Designer</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="65" />
        <source>Launch</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="66" />
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="67" />
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="68" />
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="69" />
        <source>Sweep</source>
        <translation>Durchlauf</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="70" />
        <source>Theory</source>
        <translation>Theorie</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="71" />
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="121" />
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="126" />
        <source>Headline %1%: %2</source>
        <translation>Kernaussage %1%: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/main_window.cpp" line="144" />
        <source>%n run(s) queued</source>
        <translation><numerusform>%n Lauf eingereiht</numerusform><numerusform>%n Läufe eingereiht</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="151" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="196" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="197" />
        <source>&amp;Open store...</source>
        <translation>Speicher ö&amp;ffnen...</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="199" />
        <source>Open sweep &amp;plan...</source>
        <translation>Durchlauf&amp;plan öffnen...</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="200" />
        <source>Open a sweep plan</source>
        <translation>Einen Durchlaufplan öffnen</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="201" />
        <source>Sweep plans (*.json)</source>
        <translation>Durchlaufpläne (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="206" />
        <source>&amp;Export figure</source>
        <translation>Abbildung &amp;exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="213" />
        <source>No figure in this place</source>
        <translation>Keine Abbildung an diesem Ort</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="216" />
        <source>Export &amp;report with provenance...</source>
        <translation>&amp;Bericht mit Herkunftsangaben exportieren...</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="218" />
        <source>Folder for the report (figures, .tex, provenance, CSV, summary)</source>
        <translation>Ordner für den Bericht (Abbildungen, .tex, Herkunft, CSV, Zusammenfassung)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="221" />
        <source>Single column (3.25 in, 8 pt text)</source>
        <translation>Einspaltig (3,25 in, 8 pt Text)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="222" />
        <source>Double column (6.75 in, 9 pt text)</source>
        <translation>Zweispaltig (6,75 in, 9 pt Text)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="223" />
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="223" />
        <source>Figure size</source>
        <translation>Abbildungsgröße</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/main_window.cpp" line="229" />
        <source>Wrote %n file(s) to %1</source>
        <translation><numerusform>%n Datei nach %1 geschrieben</numerusform><numerusform>%n Dateien nach %1 geschrieben</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="236" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="239" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="246" />
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="252" />
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="253" />
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="257" />
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="266" />
        <source>The language changes when LongTail Lab starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von LongTail Lab.</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="270" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="271" />
        <source>&amp;About LongTail Lab</source>
        <translation>&amp;Über LongTail Lab</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="273" />
        <source>About LongTail Lab</source>
        <translation>Über LongTail Lab</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="274" />
        <source>&lt;b&gt;LongTail Lab %1&lt;/b&gt;&lt;p&gt;How much does class imbalance hurt a representation, and does self-supervision protect it? A workbench for the ICLR 2022 paper &lt;i&gt;Self-supervised Learning is More Robust to Dataset Imbalance&lt;/i&gt; (Liu, HaoChen, Gaidon, Ma).&lt;/p&gt;&lt;p&gt;Run store: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;LongTail Lab %1&lt;/b&gt;&lt;p&gt;Wie sehr schadet Klassenungleichgewicht einer Repräsentation, und schützt selbstüberwachtes Lernen sie? Eine Werkbank zum ICLR-2022-Paper &lt;i&gt;Self-supervised Learning is More Robust to Dataset Imbalance&lt;/i&gt; (Liu, HaoChen, Gaidon, Ma).&lt;/p&gt;&lt;p&gt;Lauf-Speicher: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="322" />
        <source>LongTail Lab: %1</source>
        <translation>LongTail Lab: %1</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="323" />
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="342" />
        <source>Headline: starting the four pre-trainings</source>
        <translation>Kernaussage: die vier Vortrainings starten</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="352" />
        <source>Open or create a run store</source>
        <translation>Lauf-Speicher öffnen oder anlegen</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="353" />
        <source>Run stores (*.sqlite);;All files (*)</source>
        <translation>Lauf-Speicher (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="386" />
        <source>Quit LongTail Lab</source>
        <translation>LongTail Lab beenden</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="387" />
        <source>A run is training. Stop it and quit? It stays resumable (Runs &gt; Resume, or longtail train --resume DIR).</source>
        <translation>Ein Lauf trainiert. Anhalten und beenden? Er bleibt fortsetzbar (Läufe &gt; Fortsetzen oder longtail train --resume DIR).</translation>
    </message>
</context>
<context>
    <name>lt::widgets::RunsPlace</name>
    <message>
        <location filename="../widgets/runs_place.cpp" line="81" />
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="82" />
        <source>Re-&amp;run</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="83" />
        <source>&amp;Weights</source>
        <translation>&amp;Gewichte</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="84" />
        <source>Res&amp;ume</source>
        <translation>Fort&amp;setzen</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="85" />
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="86" />
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="86" />
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="86" />
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="86" />
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="86" />
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="87" />
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="87" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="87" />
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="87" />
        <source>ID top-1 (%)</source>
        <translation>ID Top-1 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="88" />
        <source>OOD top-1 (%)</source>
        <translation>OOD Top-1 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="88" />
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Filter: method, status, data, id ...</source>
        <translation>Filter: Methode, Status, Daten, ID ...</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="88" />
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="88" />
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="99" />
        <source>Filter: tag, method, status, data, id, note ...</source>
        <translation>Filter: Tag, Methode, Status, Daten, ID, Notiz ...</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="101" />
        <source>Fill Launch with this run's config</source>
        <translation>Start mit der Konfiguration dieses Laufs füllen</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="102" />
        <source>Remove the run from the store; its folder stays on disk</source>
        <translation>Den Lauf aus dem Speicher entfernen; sein Ordner bleibt erhalten</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="146" />
        <source>rwSAM's KDE weights of this run's pre-training images</source>
        <translation>rwSAMs KDE-Gewichte der Vortrainingsbilder dieses Laufs</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="186" />
        <source>balanced twin</source>
        <translation>balancierter Zwilling</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="186" />
        <source>long-tailed</source>
        <translation>Long-Tail</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="200" />
        <source>Tags, comma-separated: type to edit (saved in the run folder)</source>
        <translation>Tags, durch Kommas getrennt: zum Bearbeiten tippen (im Laufordner gespeichert)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="202" />
        <source>A note: type to edit (saved in the run folder)</source>
        <translation>Eine Notiz: zum Bearbeiten tippen (im Laufordner gespeichert)</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/runs_place.cpp" line="207" />
        <source>%n run(s) in %1</source>
        <translation><numerusform>%n Lauf in %1</numerusform><numerusform>%n Läufe in %1</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="305" />
        <source>Delete runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/runs_place.cpp" line="306" />
        <source>Remove %n run(s) from the store? Their folders stay on disk; `longtail runs add DIR` brings a run back.</source>
        <translation><numerusform>%n Lauf aus dem Speicher entfernen? Der Ordner bleibt erhalten; `longtail runs add DIR` holt ihn zurück.</numerusform><numerusform>%n Läufe aus dem Speicher entfernen? Die Ordner bleiben erhalten; `longtail runs add DIR` holt einen Lauf zurück.</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="339" />
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="343" />
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="344" />
        <location filename="../widgets/runs_place.cpp" line="355" />
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="344" />
        <location filename="../widgets/runs_place.cpp" line="350" />
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="351" />
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="354" />
        <source>kNN accuracy (balanced monitor)</source>
        <translation>kNN-Genauigkeit (balancierter Monitor)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="355" />
        <source>top-1 (%)</source>
        <translation>Top-1 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="357" />
        <source>kNN</source>
        <translation>kNN</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="358" />
        <source>Monitor</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="363" />
        <source>%1 on %2: top-1 %3 %
</source>
        <translation>%1 auf %2: Top-1 %3 %
</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="366" />
        <source>Not evaluated yet: longtail eval %1</source>
        <translation>Noch nicht ausgewertet: longtail eval %1</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="368" />
        <source>Folder: %1
Status: %2 %3
Device: %4
LibTorch %5, commit %6
Seed %7, %8 images

</source>
        <translation>Ordner: %1
Status: %2 %3
Gerät: %4
LibTorch %5, Commit %6
Seed %7, %8 Bilder

</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="376" />
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../widgets/runs_place.cpp" line="380" />
        <source>Config</source>
        <translation>Konfiguration</translation>
    </message>
</context>
<context>
    <name>lt::widgets::StoreWatch</name>
    <message>
        <location filename="../widgets/store_watch.cpp" line="35" />
        <source>The run store cannot be written now: %1. Runs keep their results in their folders; longtail runs add FOLDER records a run once the store is free.</source>
        <translation>Der Laufspeicher kann gerade nicht beschrieben werden: %1. Läufe behalten ihre Ergebnisse in ihren Ordnern; longtail runs add ORDNER trägt einen Lauf ein, sobald der Speicher frei ist.</translation>
    </message>
</context>
<context>
    <name>lt::widgets::SweepPlace</name>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="66" />
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="67" />
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="68" />
        <source>Res&amp;ume</source>
        <translation>Fort&amp;setzen</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="69" />
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="70" />
        <source>Submit to S&amp;lurm...</source>
        <translation>An S&amp;lurm übergeben...</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="78" />
        <source>Preset: %1</source>
        <translation>Voreinstellung: %1</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="84" />
        <source>runs at once: </source>
        <translation>Läufe gleichzeitig: </translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="85" />
        <source>K runs train at once (1 on a small CPU; several on a GPU)</source>
        <translation>K Läufe trainieren gleichzeitig (1 auf einer kleinen CPU, mehrere auf einer GPU)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="86" />
        <source>In domain (ID)</source>
        <translation>In der Domäne (ID)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="87" />
        <source>Out of domain (OOD)</source>
        <translation>Außerhalb der Domäne (OOD)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="88" />
        <location filename="../widgets/sweep_place.cpp" line="523" />
        <source>All runs</source>
        <translation>Alle Läufe</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="90" />
        <source>Show only the sweep's runs with this tag (longtail runs tag, or the Runs place)</source>
        <translation>Nur die Läufe der Serie mit diesem Tag zeigen (longtail runs tag oder der Bereich Läufe)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="93" />
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="93" />
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="93" />
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="93" />
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="93" />
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="94" />
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="94" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="94" />
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="94" />
        <source>kNN (%)</source>
        <translation>kNN (%)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="95" />
        <source>ID (%)</source>
        <translation>ID (%)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="95" />
        <source>OOD (%)</source>
        <translation>OOD (%)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="95" />
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="95" />
        <source>Slurm</source>
        <translation>Slurm</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="100" />
        <source>Figure 2: accuracy against n</source>
        <translation>Abbildung 2: Genauigkeit über n</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="101" />
        <location filename="../widgets/sweep_place.cpp" line="104" />
        <source>pre-training images n</source>
        <translation>Vortrainingsbilder n</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="101" />
        <source>top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="103" />
        <source>Figure 1: relative gap against n (dashed: provisional, from kNN)</source>
        <translation>Abbildung 1: relative Lücke über n (gestrichelt: vorläufig, aus kNN)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="104" />
        <source>relative gap (%)</source>
        <translation>relative Lücke (%)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="111" />
        <source>Run the plan on a Slurm cluster as a job array, one run per task</source>
        <translation>Den Plan auf einem Slurm-Cluster als Job-Array ausführen, ein Lauf je Task</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="139" />
        <source>Submitting was cancelled.</source>
        <translation>Das Übergeben wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="148" />
        <source>%1: nothing left to submit</source>
        <translation>%1: nichts mehr zu übergeben</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="149" />
        <source>%1: Slurm job %2, %3 runs</source>
        <translation>%1: Slurm-Job %2, %3 Läufe</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="167" />
        <source>The sweep was cancelled; its runs stay resumable.</source>
        <translation>Die Serie wurde abgebrochen; ihre Läufe bleiben fortsetzbar.</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="174" />
        <source>%1: %2 finished now, %3 before, %4 failed, %5 left (%6 s)</source>
        <translation>%1: %2 jetzt fertig, %3 zuvor, %4 fehlgeschlagen, %5 übrig (%6 s)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="183" />
        <source> (and %1 more)</source>
        <translation> (und %1 weitere)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="225" />
        <source># nothing to submit: every run is finished or in Slurm
</source>
        <translation># nichts zu übergeben: jeder Lauf ist fertig oder in Slurm
</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="249" />
        <source>Submitting %1 to Slurm ...</source>
        <translation>Übergebe %1 an Slurm ...</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="264" />
        <source>Submit the sweep to Slurm</source>
        <translation>Die Serie an Slurm übergeben</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="266" />
        <source>the cluster's default</source>
        <translation>Vorgabe des Clusters</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="269" />
        <source>default (1 for GPU plans)</source>
        <translation>Vorgabe (1 bei GPU-Plänen)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="272" />
        <source>e.g. 24:00:00 (the partition's default)</source>
        <translation>z. B. 24:00:00 (Vorgabe der Partition)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="275" />
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="289" />
        <source>Show the &amp;script</source>
        <translation>&amp;Skript zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="290" />
        <source>S&amp;ubmit</source>
        <translation>&amp;Übergeben</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="306" />
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="307" />
        <source>GPUs per run</source>
        <translation>GPUs je Lauf</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="308" />
        <source>Time per run</source>
        <translation>Zeit je Lauf</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="309" />
        <source>At most at once</source>
        <translation>Höchstens gleichzeitig</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="349" />
        <source>Plan: %1</source>
        <translation>Plan: %1</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="378" />
        <source>Starting %1 ...</source>
        <translation>%1 startet ...</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="391" />
        <source>Pausing: the runs stop after their current step and stay resumable.</source>
        <translation>Pause: die Läufe halten nach dem aktuellen Schritt an und bleiben fortsetzbar.</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="434" />
        <source>No sweep in this store yet: choose a plan and Start.</source>
        <translation>Noch kein Durchlauf in diesem Speicher: Plan wählen und Starten.</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="439" />
        <source>%1: %2 (%3 queued, %4 running, %5 finished, %6 failed)</source>
        <translation>%1: %2 (%3 eingereiht, %4 laufen, %5 fertig, %6 fehlgeschlagen)</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="466" />
        <source>%1: Slurm job %2: %3</source>
        <translation>%1: Slurm-Job %2: %3</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="477" />
        <source>balanced twin</source>
        <translation>balancierter Zwilling</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="477" />
        <source>long-tailed</source>
        <translation>Long-Tail</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="551" />
        <source>%1 bal.</source>
        <translation>%1 bal.</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="551" />
        <location filename="../widgets/sweep_place.cpp" line="563" />
        <source>%1 r=%2</source>
        <translation>%1 r=%2</translation>
    </message>
    <message>
        <location filename="../widgets/sweep_place.cpp" line="571" />
        <source> (provisional)</source>
        <translation> (vorläufig)</translation>
    </message>
</context>
<context>
    <name>lt::widgets::Table1Chart</name>
    <message>
        <location filename="../widgets/table1_chart.cpp" line="112" />
        <location filename="../widgets/table1_chart.cpp" line="182" />
        <source>Top-1 accuracy, in domain</source>
        <translation>Top-1-Genauigkeit, in der Domäne</translation>
    </message>
    <message>
        <location filename="../widgets/table1_chart.cpp" line="113" />
        <location filename="../widgets/table1_chart.cpp" line="183" />
        <source>this run set</source>
        <translation>dieser Laufsatz</translation>
    </message>
    <message>
        <location filename="../widgets/table1_chart.cpp" line="113" />
        <location filename="../widgets/table1_chart.cpp" line="184" />
        <source>paper (CIFAR-10)</source>
        <translation>Paper (CIFAR-10)</translation>
    </message>
    <message>
        <location filename="../widgets/table1_chart.cpp" line="114" />
        <location filename="../widgets/table1_chart.cpp" line="182" />
        <source>top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../widgets/table1_chart.cpp" line="115" />
        <location filename="../widgets/table1_chart.cpp" line="186" />
        <source>Pre-training generalisation gap</source>
        <translation>Generalisierungslücke des Vortrainings</translation>
    </message>
    <message>
        <location filename="../widgets/table1_chart.cpp" line="116" />
        <location filename="../widgets/table1_chart.cpp" line="187" />
        <source>frequent classes</source>
        <translation>häufige Klassen</translation>
    </message>
    <message>
        <location filename="../widgets/table1_chart.cpp" line="116" />
        <location filename="../widgets/table1_chart.cpp" line="188" />
        <source>rare classes</source>
        <translation>seltene Klassen</translation>
    </message>
    <message>
        <location filename="../widgets/table1_chart.cpp" line="117" />
        <location filename="../widgets/table1_chart.cpp" line="189" />
        <source>paper, rare classes</source>
        <translation>Paper, seltene Klassen</translation>
    </message>
    <message>
        <location filename="../widgets/table1_chart.cpp" line="118" />
        <location filename="../widgets/table1_chart.cpp" line="186" />
        <source>held-out minus training loss</source>
        <translation>Verlust zurückgehalten minus Training</translation>
    </message>
</context>
<context>
    <name>lt::widgets::Table1View</name>
    <message>
        <location filename="../widgets/table1_view.cpp" line="40" />
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="41" />
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="42" />
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="43" />
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="44" />
        <source>diverged</source>
        <translation>divergiert</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="45" />
        <source>not run yet</source>
        <translation>noch nicht gelaufen</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="54" />
        <source>Run set:</source>
        <translation>Laufsatz:</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="59" />
        <source>Which `longtail table1` run set to show (newest first)</source>
        <translation>Welcher Laufsatz von `longtail table1` angezeigt wird (neueste zuerst)</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="70" />
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="70" />
        <source>Top-1 (%)</source>
        <translation>Top-1 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="70" />
        <source>Paper top-1 (%)</source>
        <translation>Paper Top-1 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="71" />
        <source>Gap, frequent</source>
        <translation>Lücke, häufig</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="71" />
        <source>Gap, rare</source>
        <translation>Lücke, selten</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="71" />
        <source>Paper gap, rare</source>
        <translation>Paper Lücke, selten</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="72" />
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="74" />
        <source>Pre-training generalisation gap: held-out minus training loss</source>
        <translation>Generalisierungslücke des Vortrainings: Verlust auf zurückgehaltenen Bildern minus Trainingsverlust</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="76" />
        <source>Table 1(a) of the paper: CIFAR-10, step imbalance r = 0.01, ResNet-18</source>
        <translation>Tabelle 1(a) des Papers: CIFAR-10, Stufen-Ungleichgewicht r = 0.01, ResNet-18</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="100" />
        <source>SimSiam</source>
        <translation>SimSiam</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="101" />
        <source>+SAM</source>
        <translation>+SAM</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="102" />
        <source>balanced</source>
        <translation>balanciert</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="103" />
        <source>+rwSAM</source>
        <translation>+rwSAM</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="127" />
        <source>%1 preset, %2 (%3)</source>
        <translation>Voreinstellung %1, %2 (%3)</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="146" />
        <source>No Table 1 run set in this store yet. `longtail table1 --preset cpu` trains and measures one on this machine (`--preset smoke` in minutes, for a first look).</source>
        <translation>Noch kein Laufsatz für Tabelle 1 in diesem Speicher. `longtail table1 --preset cpu` trainiert und misst einen auf diesem Rechner (`--preset smoke` in Minuten, für einen ersten Blick).</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="168" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="177" />
        <source>Table 1(a), preset %1 on %2: %3 of %4 rows measured.</source>
        <translation>Tabelle 1(a), Voreinstellung %1 auf %2: %3 von %4 Zeilen gemessen.</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="183" />
        <source>Run `longtail table1 --preset %1 --out %2` again to finish the set; finished rows are reused.</source>
        <translation>Führen Sie `longtail table1 --preset %1 --out %2` erneut aus, um den Satz zu vervollständigen; fertige Zeilen werden wiederverwendet.</translation>
    </message>
    <message>
        <location filename="../widgets/table1_view.cpp" line="190" />
        <source>The paper's numbers are CIFAR-10's; compare the direction (rwSAM against SimSiam), not the values.</source>
        <translation>Die Zahlen des Papers stammen von CIFAR-10; vergleichen Sie die Richtung (rwSAM gegen SimSiam), nicht die Werte.</translation>
    </message>
</context>
<context>
    <name>lt::widgets::TheoryPlace</name>
    <message>
        <location filename="../widgets/theory_place.cpp" line="33" />
        <source>Frequent counts follow d (n = d^(2/3))</source>
        <translation>Häufige Anzahlen folgen d (n = d^(2/3))</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="45" />
        <source>Trends (n = d^(2/3), tau = 1)</source>
        <translation>Trends (n = d^(2/3), tau = 1)</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="46" />
        <source>Theorem 3.1's regime (n = d, tau = d^(1/5))</source>
        <translation>Regime von Theorem 3.1 (n = d, tau = d^(1/5))</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="48" />
        <source>Theorem 3.1's regime: n1 = n2 = d, n3 = floor(d^(1/5)), tau = d^(1/5), rho = d^(-1/5), m = 3 (d up to 2,048, where the SL solver stops)</source>
        <translation>Regime von Theorem 3.1: n1 = n2 = d, n3 = floor(d^(1/5)), tau = d^(1/5), rho = d^(-1/5), m = 3 (d bis 2.048, wo der SL-Löser endet)</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="55" />
        <source>d, the dimension (powers of two)</source>
        <translation>d, die Dimension (Zweierpotenzen)</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="59" />
        <source>Examples of each frequent class (when they do not follow d)</source>
        <translation>Beispiele je häufiger Klasse (wenn sie d nicht folgen)</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="62" />
        <source>Examples of the rare class</source>
        <translation>Beispiele der seltenen Klasse</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="66" />
        <source>tau: how far the frequent classes move along e2 (q tau e2)</source>
        <translation>tau: wie weit sich die häufigen Klassen entlang e2 verschieben (q tau e2)</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="71" />
        <source>The noise scale rho = d^exponent</source>
        <translation>Die Rauschskala rho = d^Exponent</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="74" />
        <source>m: the rank of the SSL feature</source>
        <translation>m: der Rang des SSL-Merkmals</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="84" />
        <source>The toy data on the (e1, e2) plane, with the feature directions</source>
        <translation>Die Spielzeugdaten in der (e1, e2)-Ebene, mit den Merkmalsrichtungen</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="85" />
        <source>e1</source>
        <translation>e1</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="85" />
        <source>e2</source>
        <translation>e2</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="86" />
        <source>Theorem 3.1: what each feature keeps of e2, against d</source>
        <translation>Satz 3.1: was jedes Merkmal von e2 behält, über d</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="87" />
        <source>dimension d</source>
        <translation>Dimension d</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="87" />
        <source>share of e2 kept</source>
        <translation>behaltener Anteil von e2</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="90" />
        <source>Toy model</source>
        <translation>Spielzeugmodell</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="95" />
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="96" />
        <source>Dimension d</source>
        <translation>Dimension d</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="98" />
        <source>Frequent examples n1 = n2</source>
        <translation>Häufige Beispiele n1 = n2</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="99" />
        <source>Rare examples n3</source>
        <translation>Seltene Beispiele n3</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="100" />
        <source>tau</source>
        <translation>tau</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="101" />
        <source>rho exponent</source>
        <translation>rho-Exponent</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="102" />
        <source>SSL rank m</source>
        <translation>SSL-Rang m</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="103" />
        <source>Sweep over d</source>
        <translation>Durchlauf über d</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="105" />
        <source>From d</source>
        <translation>Von d</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="106" />
        <source>To d</source>
        <translation>Bis d</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="107" />
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="222" />
        <source>Solving ...</source>
        <translation>Wird gelöst ...</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="254" />
        <source>class 1 (frequent)</source>
        <translation>Klasse 1 (häufig)</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="255" />
        <source>class 2 (frequent)</source>
        <translation>Klasse 2 (häufig)</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="256" />
        <source>class 3 (rare)</source>
        <translation>Klasse 3 (selten)</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="269" />
        <source>SL direction</source>
        <translation>SL-Richtung</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="270" />
        <source>SSL direction</source>
        <translation>SSL-Richtung</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="272" />
        <source>At d = %1 (n1 = n2 = %2, n3 = %3, tau = %4, rho = %5):
SSL keeps %6 of e2, SL %7 (Theorem 3.1: SSL -&gt; 1, SL -&gt; 0 as d grows).
Rare-class probe on the features: SSL %8 %, SL %9 %.</source>
        <translation>Bei d = %1 (n1 = n2 = %2, n3 = %3, tau = %4, rho = %5):
SSL behält %6 von e2, SL %7 (Satz 3.1: SSL -&gt; 1, SL -&gt; 0 für wachsendes d).
Sonde für die seltene Klasse auf den Merkmalen: SSL %8 %, SL %9 %.</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="293" />
        <source>SSL: ‖Π e2‖²</source>
        <translation>SSL: ‖Π e2‖²</translation>
    </message>
    <message>
        <location filename="../widgets/theory_place.cpp" line="294" />
        <source>SL: Σ ⟨e2, w_i⟩² (scaled)</source>
        <translation>SL: Σ ⟨e2, w_i⟩² (skaliert)</translation>
    </message>
</context>
<context>
    <name>lt::widgets::TrainingController</name>
    <message>
        <location filename="../widgets/training_controller.cpp" line="81" />
        <location filename="../widgets/training_controller.cpp" line="93" />
        <source>Removed from the queue before it started.</source>
        <translation>Vor dem Start aus der Warteschlange entfernt.</translation>
    </message>
    <message>
        <location filename="../widgets/training_controller.cpp" line="149" />
        <source>training</source>
        <translation>trainiert</translation>
    </message>
    <message>
        <location filename="../widgets/training_controller.cpp" line="169" />
        <source>Stopped after epoch %1 of %2; Resume continues it from its checkpoint.</source>
        <translation>Nach Epoche %1 von %2 angehalten; Fortsetzen macht ab dem Checkpoint weiter.</translation>
    </message>
    <message>
        <location filename="../widgets/training_controller.cpp" line="178" />
        <source>the evaluation was cancelled</source>
        <translation>die Auswertung wurde abgebrochen</translation>
    </message>
    <message>
        <location filename="../widgets/training_controller.cpp" line="183" />
        <source>evaluating %1</source>
        <translation>wertet %1 aus</translation>
    </message>
    <message>
        <location filename="../widgets/training_controller.cpp" line="201" />
        <source>the %1 evaluation was cancelled</source>
        <translation>die Auswertung %1 wurde abgebrochen</translation>
    </message>
    <message>
        <location filename="../widgets/training_controller.cpp" line="204" />
        <source>%1 probe not run: %2</source>
        <translation>Sonde %1 nicht ausgeführt: %2</translation>
    </message>
    <message>
        <location filename="../widgets/training_controller.cpp" line="214" />
        <source>Stopped; Resume continues it from its checkpoint.</source>
        <translation>Angehalten; Fortsetzen macht ab dem Checkpoint weiter.</translation>
    </message>
</context>
<context>
    <name>lt::widgets::WeightsView</name>
    <message>
        <location filename="../widgets/weights_view.cpp" line="33" />
        <source>&amp;Compute</source>
        <translation>&amp;Berechnen</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="39" />
        <source>rwSAM weights: %1</source>
        <translation>rwSAM-Gewichte: %1</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="43" />
        <source>alpha: weights are density^-alpha (the paper: 1.2)</source>
        <translation>alpha: Gewichte sind Dichte^-alpha (Paper: 1.2)</translation>
    </message>
    <message>
        <source>median distance</source>
        <translation>Median-Abstand</translation>
    </message>
    <message>
        <source>h: the Gaussian kernel's bandwidth; 0 picks the median distance</source>
        <translation>h: die Bandbreite des Gauß-Kerns; 0 wählt den Median-Abstand</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="46" />
        <source>half the median</source>
        <translation>halber Median</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="48" />
        <source>h: the Gaussian kernel's bandwidth; 0 takes half the median distance between features</source>
        <translation>h: die Bandbreite des Gauß-Kerns; 0 nimmt den halben Median der Abstände zwischen Merkmalen</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="50" />
        <source>Mean weight per class against its size</source>
        <translation>Mittleres Gewicht je Klasse über ihrer Größe</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="51" />
        <source>images of the class (pre-training)</source>
        <translation>Bilder der Klasse (Vortraining)</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="51" />
        <source>mean weight</source>
        <translation>mittleres Gewicht</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="53" />
        <source>images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="53" />
        <source>images per weight bin</source>
        <translation>Bilder je Gewichtsintervall</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="56" />
        <source>alpha</source>
        <translation>alpha</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="57" />
        <source>Bandwidth h</source>
        <translation>Bandbreite h</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="65" />
        <source>Largest weights (rarest in feature space)</source>
        <translation>Größte Gewichte (im Merkmalsraum am seltensten)</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="66" />
        <source>Smallest weights (densest)</source>
        <translation>Kleinste Gewichte (am dichtesten)</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="80" />
        <source>The computation was cancelled.</source>
        <translation>Die Berechnung wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="110" />
        <source>Encoding the pre-training images and estimating their density ...</source>
        <translation>Vortrainingsbilder werden kodiert und ihre Dichte geschätzt ...</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="137" />
        <source>classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="140" />
        <source>as given</source>
        <translation>wie angegeben</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="141" />
        <source>half the median distance</source>
        <translation>halber Median der Abstände</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="142" />
        <source>the median distance</source>
        <translation>der Median-Abstand</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="143" />
        <source>the best 5-fold held-out likelihood</source>
        <translation>die beste 5-fach kreuzvalidierte Likelihood</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="146" />
        <source>%1 images, bandwidth h = %2 (%3), alpha = %4, on %5 (KDE %6 s).</source>
        <translation>%1 Bilder, Bandbreite h = %2 (%3), alpha = %4, auf %5 (KDE %6 s).</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="149" />
        <source>, at the grid's edge</source>
        <translation>, am Rand des Gitters</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="154" />
        <source>Weights from %1 to %2, standard deviation %3; 90th / 10th percentile %4 (all 1: rwSAM is SAM).</source>
        <translation>Gewichte von %1 bis %2, Standardabweichung %3; 90. / 10. Perzentil %4 (alle 1: rwSAM ist SAM).</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="161" />
        <source>Spearman's rank correlation of the weight with 1 / class size: %1 (1: the weights found the rare classes without labels; 0: they did not).</source>
        <translation>Spearmans Rangkorrelation des Gewichts mit 1 / Klassengröße: %1 (1: die Gewichte fanden die seltenen Klassen ohne Labels; 0: nicht).</translation>
    </message>
    <message>
        <location filename="../widgets/weights_view.cpp" line="164" />
        <source>Warning: </source>
        <translation>Warnung: </translation>
    </message>
    <message>
        <source>%1 images, bandwidth h = %2, alpha = %3, on %4 (KDE %5 s).
Spearman's rank correlation of the weight with 1 / class size: %6 (1: the weights found the rare classes without labels; 0: they did not).</source>
        <translation>%1 Bilder, Bandbreite h = %2, alpha = %3, auf %4 (KDE %5 s).
Spearmans Rangkorrelation des Gewichts mit 1 / Klassengröße: %6 (1: die Gewichte fanden die seltenen Klassen ohne Labels; 0: nicht).</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="27" />
        <source>Does self-supervision protect a representation from class imbalance? The LongTail Lab workbench.</source>
        <translation>Schützt selbstüberwachtes Lernen eine Repräsentation vor Klassenungleichgewicht? Die Werkbank LongTail Lab.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="33" />
        <source>Open this run store.</source>
        <translation>Diesen Lauf-Speicher öffnen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="35" />
        <source>Language: en or de (default: the setting, else the system's).</source>
        <translation>Sprache: en oder de (Vorgabe: die Einstellung, sonst die des Systems).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="41" />
        <source>Visit every place, save a PNG of each into DIR, and quit.</source>
        <translation>Jeden Ort besuchen, je ein PNG in DIR speichern und beenden.</translation>
    </message>
</context>
</TS>